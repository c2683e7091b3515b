/// A decay factor `2^(-λ·Δt)` in [0, 1] as an unsigned Q0.62, finer than `Fixed64` where a
/// factor is just below 1.
///
/// A fast stream decays by very little per packet: at λ = 0.01 and 100,000 packets/s the factor
/// is 1 - 6.9e-8, about one step of `Fixed64` (2^-24), so a factor in `Fixed64` would be 1, or
/// off by half of what it should take away. In Q0.62, from an exponent computed in Q40 straight
/// from the nanoseconds, the factor is within 2^-40 (the exponent's step) for any gap: a
/// stream of 300,000 packets/s then decays to within 0.003% of its true rate at λ = 0.01.
public struct DecayFactorQ62: Equatable, Sendable {
    /// The factor times 2^62.
    public var raw: UInt64

    @inlinable @inline(__always)
    public init(raw: UInt64) { self.raw = raw }

    @inlinable public static var one: DecayFactorQ62 { DecayFactorQ62(raw: 1 << 62) }

    /// The nearest `Double` (for tests).
    @inlinable public var doubleValue: Double { Double(raw) / 4_611_686_018_427_387_904 }

    /// ln 2 in Q62.
    @inlinable static var ln2: UInt64 { 3_196_577_161_300_663_915 }

    /// 2^-e for an exponent e ≥ 0 in Q40: 2^-(k+1) · 2^(1-f) with k = ⌊e⌋, f its fraction, and
    /// 2^(1-f) = e^y, y = (1-f)·ln 2 in [0, ln 2], by its Taylor polynomial to degree 18 in Q62.
    @inlinable static func powerOfTwo(negatedQ40 exponent: UInt64) -> DecayFactorQ62 {
        let k = exponent >> 40
        if k >= 62 { return DecayFactorQ62(raw: 0) }
        let complement = (UInt64(1) << 40) - (exponent & ((1 << 40) - 1))  // 1 - f, in Q40
        let (yHigh, yLow) = complement.fullWidthProduct(ln2)
        let y = (yHigh << 24) | (yLow >> 40)  // Q62
        // 2^62 / n! for n = 18 ... 0 by Horner's rule, p ← 2^62/n! + y·p; unrolled, with literals:
        // an array here would be allocated on every call.
        @inline(__always) func step(_ p: UInt64, _ coefficient: UInt64) -> UInt64 {
            let (high, low) = y.fullWidthProduct(p)
            return coefficient &+ ((high << 2) | (low >> 62))
        }
        var p: UInt64 = 720
        p = step(p, 12_965)
        p = step(p, 220_414)
        p = step(p, 3_526_631)
        p = step(p, 52_899_477)
        p = step(p, 740_592_679)
        p = step(p, 9_627_704_831)
        p = step(p, 115_532_457_973)
        p = step(p, 1_270_857_037_705)
        p = step(p, 12_708_570_377_059)
        p = step(p, 114_377_133_393_536)
        p = step(p, 915_017_067_148_291)
        p = step(p, 6_405_119_470_038_038)
        p = step(p, 38_430_716_820_228_232)
        p = step(p, 192_153_584_101_141_162)
        p = step(p, 768_614_336_404_564_650)
        p = step(p, 2_305_843_009_213_693_952)
        p = step(p, 4_611_686_018_427_387_904)
        p = step(p, 4_611_686_018_427_387_904)
        // p = e^y in Q62, within (2^62, 2^63]; the factor is p / 2^(k+1), rounded.
        let shift = k + 1
        return DecayFactorQ62(raw: (p >> shift) &+ ((p >> (shift - 1)) & 1))
    }
}

extension DecayFactorQ62 {
    /// `2^(-λ·Δt)` from λ (in Q24, negated) and two timestamps in nanoseconds: the exponent
    /// λ·Δt in Q40, exactly up to the Q40 rounding (`λ·Δt·2^40 / (2^24·10^9) = λ·Δt·2^7 /
    /// 1,953,125`); a gap beyond 2^77 λ-nanoseconds decays to 0, and a later time before the
    /// earlier one does not decay.
    @inlinable public init(negatedLambda: Fixed64, fromNanoseconds earlier: Int64, toNanoseconds later: Int64) {
        let (gap, overflow) = later.subtractingReportingOverflow(earlier)
        guard !overflow else {
            self.init(raw: 0)
            return
        }
        guard gap > 0, negatedLambda.raw < 0 else {
            self = .one
            return
        }
        let (high, low) = UInt64(negatedLambda.raw.magnitude).fullWidthProduct(UInt64(gap))
        guard high < 1 << 13 else {
            self.init(raw: 0)
            return
        }
        let (exponent, _) = UInt64(1_953_125).fullWidthQuotient((high: (high << 7) | (low >> 57), low: low << 7))
        self = Self.powerOfTwo(negatedQ40: exponent)
    }
}

extension Fixed64 {
    /// `self · factor`, the exact 128-bit product rounded to nearest at bit 62; never beyond |self|.
    @inlinable @inline(__always)
    public func decayed(by factor: DecayFactorQ62) -> Fixed64 {
        let (high, low) = raw.fullWidthProduct(Int64(bitPattern: factor.raw))
        let (roundedLow, carry) = low.addingReportingOverflow(1 << 61)
        let roundedHigh = high &+ (carry ? 1 : 0)
        return Fixed64(raw: (roundedHigh << 2) | Int64(bitPattern: roundedLow >> 62))
    }
}

import FixedPoint
import Foundation
import Testing

/// Fixed64 (Q39.24), the Q16 engine's accumulator, against float64 with its stated error bounds,
/// and saturation at the edges.
struct Fixed64Tests {
    /// Raw values spread over the whole range, dense near zero where the engine's values live.
    static let grid: [Int64] = {
        var values: [Int64] = []
        var generator = TestValues(state: 7)
        for _ in 0..<200_000 {
            let bits = Int(generator.next() % 63)
            let magnitude = Int64(bitPattern: generator.next() >> 1) >> (62 - bits)
            values.append(generator.next() & 1 == 0 ? magnitude : -magnitude)
        }
        return values
    }()

    /// The error of `value` from `expected`, in LSB (2^-24).
    static func lsb(_ value: Fixed64, _ expected: Double) -> Double { abs(value.doubleValue - expected) * 16_777_216 }

    @Test func conversionsRoundAndSaturate() {
        let before = Saturations.current
        #expect(Fixed64(1.5).raw == 25_165_824)
        #expect(Fixed64(1.0 / 33_554_432).raw == 1)  // a half LSB rounds away from zero
        #expect(Fixed64(1e12) == .max)
        #expect(Fixed64(-1e12) == .min)
        #expect(Fixed64(integer: 1514).doubleValue == 1514)
        #expect(Fixed64(integer: 1 << 40) == .max)
        #expect(Fixed64(Q16(-2.25)).doubleValue == -2.25)
        #expect((Saturations.current - before)[.conversion] == 3)
        // Narrowing drops 8 bits and the requested scale, rounding to nearest.
        #expect(Fixed64(1514.0).narrowed(droppingBits: 1).doubleValue == 757)
        #expect(Fixed64(5.2e5).narrowed(droppingBits: 7).doubleValue == 4062.5)
        #expect(Fixed64(1.0 / 131_072).narrowed(droppingBits: 0).raw == 1)
        #expect(Fixed64(40_000).narrowed(droppingBits: 0) == Q16.max)
        #expect(Fixed64.max.narrowed(droppingBits: 0) == Q16.max)
        #expect(Fixed64(-40_000).narrowed(droppingBits: 0) == Q16.min)
    }

    @Test func additionIsExactAndSaturates() {
        let before = Saturations.current
        #expect((Fixed64(1.25) + Fixed64(2.5)).doubleValue == 3.75)
        #expect((Fixed64(1.25) - Fixed64(2.5)).doubleValue == -1.25)
        #expect(Fixed64.max + Fixed64(raw: 1) == .max)
        #expect(Fixed64.min - Fixed64(raw: 1) == .min)
        #expect(-Fixed64.min == .max)
        #expect((Saturations.current - before)[.addition] == 3)
    }

    @Test func multiplicationRoundsToNearestAndSaturates() {
        var worst = 0.0
        for (index, raw) in Self.grid.enumerated() {
            let a = Fixed64(raw: raw), b = Fixed64(raw: Self.grid[(index * 7 + 3) % Self.grid.count])
            let exact = a.doubleValue * b.doubleValue
            // Double has 53 bits: compare only where the exact product is representable to 2^-26.
            guard abs(exact) < 1_048_576.0 else { continue }
            worst = max(worst, Self.lsb(a * b, exact))
        }
        #expect(worst <= 0.5 + 1e-6)
        let before = Saturations.current
        #expect(Fixed64(1e6) * Fixed64(1e6) == .max)
        #expect(Fixed64(-1e6) * Fixed64(1e6) == .min)
        #expect((Saturations.current - before)[.multiplication] == 2)
    }

    @Test func divisionRoundsToNearestAndSaturates() {
        var worst = 0.0
        for (index, raw) in Self.grid.enumerated() {
            let a = Fixed64(raw: raw), b = Fixed64(raw: Self.grid[(index * 11 + 5) % Self.grid.count] | 1)
            let exact = a.doubleValue / b.doubleValue
            guard abs(exact) < 1_048_576.0 else { continue }
            worst = max(worst, Self.lsb(a / b, exact))
        }
        #expect(worst <= 0.5 + 1e-6)
        let before = Saturations.current
        #expect(Fixed64(1e11) / Fixed64(0.01) == .max)
        #expect(Fixed64(-3) / .zero == .min)
        #expect(Fixed64.zero / .zero == .zero)
        #expect((Saturations.current - before)[.division] == 2)
    }

    @Test func squareRootIsWithinItsBound() {
        var worstSmall = 0.0, worstLarge = 0.0
        for raw in Self.grid where raw > 0 {
            let x = Fixed64(raw: raw)
            let exact = x.doubleValue.squareRoot()
            if x.doubleValue < 65_536 {
                worstSmall = max(worstSmall, Self.lsb(x.squareRoot(), exact))
            } else {
                worstLarge = max(worstLarge, abs(x.squareRoot().doubleValue - exact) / exact)
            }
        }
        #expect(worstSmall <= 0.5 + 1e-6)
        #expect(worstLarge <= 1.0 / 2_147_483_648)
        let before = Saturations.current
        #expect(Fixed64(-1).squareRoot() == .zero)
        #expect((Saturations.current - before)[.function] == 1)
    }

    @Test func powerOfTwoIsWithinItsBound() {
        var worstBelowOne = 0.0, worstAbove = 0.0
        // The decay exponents -λΔt: every 2^-16 from -26 to 0, then relative above.
        for step in stride(from: -26 * 65_536, through: 0, by: 7) {
            let x = Fixed64(raw: Int64(step) << 8)
            worstBelowOne = max(worstBelowOne, Self.lsb(Fixed64.powerOfTwo(x), exp2(x.doubleValue)))
        }
        for step in stride(from: 0, to: 38 * 65_536, by: 13) {
            let x = Fixed64(raw: Int64(step) << 8)
            let exact = exp2(x.doubleValue)
            // Within 1 LSB or 2^-28 relative, whichever is larger.
        let error = abs(Fixed64.powerOfTwo(x).doubleValue - exact)
        worstAbove = max(worstAbove, error / max(exact / 268_435_456, 1.0 / 16_777_216))
        }
        #expect(worstBelowOne <= 1)
        #expect(worstAbove <= 1)
        let before = Saturations.current
        #expect(Fixed64.powerOfTwo(Fixed64(39)) == .max)
        #expect(Fixed64.powerOfTwo(Fixed64(-30)) == .zero)
        #expect((Saturations.current - before)[.function] == 1)
    }

    @Test func secondsFromNanosecondsRoundToNearest() {
        var worst = 0.0
        var generator = TestValues(state: 11)
        for _ in 0..<100_000 {
            let earlier = Int64(bitPattern: generator.next() >> 2)
            let gap = Int64(generator.next() >> UInt64(generator.next() % 40 + 24))
            let seconds = Fixed64.seconds(fromNanoseconds: earlier, toNanoseconds: earlier + gap)
            worst = max(worst, Self.lsb(seconds, Double(gap) * 1e-9) - Double(gap) * 1e-9 * 16_777_216 * 0x1p-52)
        }
        #expect(worst <= 0.5 + 1e-6)
        #expect(Fixed64.seconds(fromNanoseconds: 0, toNanoseconds: 1_000_000_000) == .one)
        #expect(Fixed64.seconds(fromNanoseconds: 1_000_000_000, toNanoseconds: 0) == -.one)
        #expect(Fixed64.seconds(fromNanoseconds: .min, toNanoseconds: .max) == .max)
    }
}

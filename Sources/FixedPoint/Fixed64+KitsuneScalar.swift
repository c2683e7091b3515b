/// Fixed64 as an engine arithmetic: the accumulator of the Q16 engine (AfterImage and the
/// feature mapper). See docs/fixed-point.md for the ranges.
extension Fixed64: KitsuneScalar {
    public typealias Accumulator = Fixed64

    @inline(__always)
    public init(narrowing value: Fixed64) { self = value }

    @inline(__always)
    public var widened: Fixed64 { self }

    /// Sizes in 4-byte units: `M2 = w·var` and the trackers' `Σ r_A·r_B` (at most `w·757²` in
    /// bytes², 1/16 of it here) stay below 5.5e11 up to weights of 1.5e7, a stream of 107,000
    /// packets/s at λ = 0.01, where bytes would reach it at 6,700. Larger units buy more and cost
    /// the precision of small variances and their squares (the radius): 16-byte units gave
    /// dev.pcap an AUC of 0.923 instead of 0.929 (docs/fixed-point.md).
    @inline(__always)
    public static var packetSizeUnitBits: Int { 2 }

    @inline(__always)
    public init(packetSize bytes: Int) { raw = Int64(bytes) << 22 }  // bytes / 4, in Q24

    public static var modelTag: UInt8 { 5 }
    public static var storedByteCount: Int { 8 }
    public var storedBits: UInt64 { UInt64(bitPattern: raw) }
    public init(storedBits: UInt64) { raw = Int64(bitPattern: storedBits) }

    /// No sums of squares: mean, M2 and w (a 1514-byte packet squared times a weight of 1e5
    /// would be 2.3e11, at the edge of the range).
    @inline(__always)
    public static var dampedStatisticsForm: DampedStatisticsForm { .centred }

    @inline(__always)
    public static func square(_ x: Fixed64) -> Fixed64 { x * x }

    /// In integers, so that single linkage compares the same numbers on every target: the roots
    /// and the quotient in Q39.24 (the result, below 2^29, converts to `Double` exactly).
    public static func correlationDistance(product: Fixed64, squaresI: Fixed64, squaresJ: Fixed64) -> Double {
        let denominator = squaresI.squareRoot() * squaresJ.squareRoot()
        let distance: Fixed64
        if denominator == .zero {
            // 1 - C / 1e-100: 1 when C is 0, clamped to 0 when it is positive.
            distance = product == .zero ? .one : product > .zero ? .zero : .max
        } else {
            distance = .one - product / denominator
        }
        return distance < .zero ? 0 : distance.doubleValue
    }

    /// Only for the protocol: the engine never applies the logistic to an accumulator. Through
    /// Q16 (within 4 of its LSB).
    public static func logistic(_ x: Fixed64) -> Fixed64 { Fixed64(Q16.logistic(x.narrowed(droppingBits: 0))) }

    /// The integer nanoseconds between two timestamps as seconds, rounded to nearest:
    /// `ns · 2^24 / 10^9 = ns · 2^15 / 1,953,125`, from the exact 128-bit product. Any two
    /// 64-bit timestamps fit (a difference that does not overflow is at most 9.2e9 s).
    public static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> Fixed64 {
        let (difference, overflow) = later.subtractingReportingOverflow(earlier)
        if overflow {
            Q16.count(.conversion)
            return later > earlier ? .max : .min
        }
        let magnitude = difference.magnitude
        let divisor: UInt64 = 1_953_125
        let (quotient, remainder) = divisor.dividingFullWidth((high: magnitude >> 49, low: magnitude << 15))
        let rounded = quotient + (remainder >= divisor - remainder ? 1 : 0)
        return Fixed64(magnitude: rounded, negative: difference < 0, kind: .conversion)
    }
}

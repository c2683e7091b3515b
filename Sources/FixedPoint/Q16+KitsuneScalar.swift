/// Q16 as an engine arithmetic. The engine itself does not run in Q16 yet: AfterImage's sums
/// and KitNET's gradient steps do not fit Q16.16 as they are (a 1514-byte packet squared is
/// 2.3e6; steps fall below 1.5e-5), and the representations that make them fit are the next
/// part of the fixed-point work. The arithmetic below is complete and tested on its own.
extension Q16: KitsuneScalar {
    public typealias Accumulator = Q16

    @inline(__always)
    public init(narrowing value: Q16) { self = value }

    public static var modelTag: UInt8 { 3 }
    public static var storedByteCount: Int { 4 }
    public var storedBits: UInt64 { UInt64(UInt32(bitPattern: raw)) }
    public init(storedBits: UInt64) { raw = Int32(bitPattern: UInt32(truncatingIfNeeded: storedBits)) }

    /// No sums of squares: mean, M2 and w.
    @inline(__always)
    public static var dampedStatisticsForm: DampedStatisticsForm { .centred }

    @inline(__always)
    public static func square(_ x: Q16) -> Q16 { x * x }

    /// The integer nanoseconds between two timestamps as Q16 seconds, rounded; saturates at
    /// 32767 s (nine hours: a decay factor of any λ ≥ 0.01 is 0 by then).
    public static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> Q16 {
        let (difference, overflow) = later.subtractingReportingOverflow(earlier)
        if overflow || difference > 32_767 * 1_000_000_000 {
            count(.conversion)
            return overflow && later < earlier ? .min : .max
        }
        if difference < -32_768 * 1_000_000_000 {
            count(.conversion)
            return .min
        }
        // Seconds · 2^16 = nanoseconds · 2^16 / 10^9 = nanoseconds · 2^10 / 15,625,000, rounded;
        // the product fits 64 bits for the differences admitted above.
        let scaled = difference << 10
        let quotient = (scaled + (scaled >= 0 ? 7_812_500 : -7_812_500)) / 15_625_000
        return Q16(saturating: quotient, kind: .conversion)
    }
}

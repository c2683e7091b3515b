extension Q16 {
    /// The integer nanoseconds between two timestamps as Q16 seconds, rounded; saturates at
    /// 32767 s (nine hours: a decay factor of any λ ≥ 0.01 is 0 by then).
    @inlinable public static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> Q16 {
        let (difference, overflow) = later.subtractingReportingOverflow(earlier)
        if overflow || difference > 32_767 * 1_000_000_000 {
            Saturations.record(.conversion)
            return overflow && later < earlier ? .min : .max
        }
        if difference < -32_768 * 1_000_000_000 {
            Saturations.record(.conversion)
            return .min
        }
        // Seconds · 2^16 = nanoseconds · 2^16 / 10^9 = nanoseconds · 2^10 / 15,625,000, rounded;
        // the product fits 64 bits for the differences admitted above.
        let scaled = difference << 10
        let quotient = (scaled + (scaled >= 0 ? 7_812_500 : -7_812_500)) / 15_625_000
        return Q16(saturating: quotient, kind: .conversion)
    }
}

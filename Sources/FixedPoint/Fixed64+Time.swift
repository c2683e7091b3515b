extension Fixed64 {
    /// The integer nanoseconds between two timestamps as seconds, rounded to nearest:
    /// `ns · 2^24 / 10^9 = ns · 2^15 / 1,953,125`, from the exact 128-bit product. Any two
    /// 64-bit timestamps fit (a difference that does not overflow is at most 9.2e9 s); one that
    /// overflows 64 bits saturates (counted as a conversion).
    @inlinable public static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> Fixed64 {
        let (difference, overflow) = later.subtractingReportingOverflow(earlier)
        if overflow {
            Saturations.record(.conversion)
            return later > earlier ? .max : .min
        }
        let magnitude = difference.magnitude
        let divisor: UInt64 = 1_953_125
        let (quotient, remainder) = divisor.fullWidthQuotient((high: magnitude >> 49, low: magnitude << 15))
        let rounded = quotient + (remainder >= divisor - remainder ? 1 : 0)
        return Fixed64(magnitude: rounded, negative: difference < 0, kind: .conversion)
    }
}

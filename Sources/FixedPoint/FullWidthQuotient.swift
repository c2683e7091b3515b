/// The quotient of a 128-bit dividend by a 64-bit divisor, for the fixed-point types
/// (`Fixed64`'s division and time, `DecayFactorQ62`'s exponent). The caller guarantees, as for
/// `dividingFullWidth`, that the quotient fits 64 bits.
///
/// On 64-bit CPUs the standard library's `dividingFullWidth` is one instruction (x86-64) or a
/// short sequence. On 32-bit ARM (the armv7 board, in q16) it is a generic algorithm
/// making several calls into a software 64-bit division: about 410 instructions a quotient, 83
/// quotients a packet, 34,000 instructions a packet detecting under `toolchains/count.sh`.
/// There a quotient below 2^49 (every mean, variance and decay exponent AfterImage takes in
/// practice) comes from a double estimate, corrected in integers to the exact one; a larger
/// one, from `dividingFullWidth`.
extension UInt64 {
    /// `dividend / self` and its remainder, exactly as `dividingFullWidth` gives them.
    @inlinable @inline(__always)
    public func fullWidthQuotient(_ dividend: (high: UInt64, low: UInt64)) -> (quotient: UInt64, remainder: UInt64) {
        #if arch(arm)
        if let result = quotientByEstimate(dividend) { return result }
        #endif
        return dividingFullWidth(dividend)
    }

    /// The same from the quotient of the two as doubles when that is below 2^49, else nil. The
    /// doubles are within 2^-52 of the integers (relative), the estimate within 2^-51 of the exact
    /// quotient (relative), so within about 1/4 of it
    /// (the largest error seen in 150 million is 0.15), and rounded to nearest it is the floor or
    /// one above it: a negative remainder in 128 bits says which, and takes one step down. The
    /// step up guards that bound only.
    @inlinable
    public func quotientByEstimate(_ dividend: (high: UInt64, low: UInt64)) -> (quotient: UInt64, remainder: UInt64)? {
        let estimate = Self.approximateDouble(dividend) / Self.approximateDouble((high: 0, low: self))
        guard estimate < 0x1p49 else { return nil }
        // Rounded to an integer by the 2^52 shift: its low 52 bits.
        var quotient = (estimate + 0x1p52).bitPattern & 0x000F_FFFF_FFFF_FFFF
        let product = quotient.productOfHalves(self)
        let (differenceLow, borrow) = dividend.low.subtractingReportingOverflow(product.low)
        var low = differenceLow
        var high = dividend.high &- product.high &- (borrow ? 1 : 0)
        // A negative remainder (two's complement in 128 bits): the estimate was too high.
        while high >> 63 != 0 {
            quotient &-= 1
            let (sum, carry) = low.addingReportingOverflow(self)
            low = sum
            high &+= carry ? 1 : 0
        }
        while high != 0 || low >= self {
            quotient &+= 1
            let (difference, borrowed) = low.subtractingReportingOverflow(self)
            low = difference
            high &-= borrowed ? 1 : 0
        }
        return (quotient, low)
    }

    /// A 128-bit integer as a double, from its 64-bit halves each rounded once (VFP's own
    /// conversions are for 32-bit integers only), their sum once more: within 2^-52 of it,
    /// relative.
    @inlinable @inline(__always)
    static func approximateDouble(_ value: (high: UInt64, low: UInt64)) -> Double {
        Double(roundingHalvesOf: value.high) * 0x1p64 + Double(roundingHalvesOf: value.low)
    }
}

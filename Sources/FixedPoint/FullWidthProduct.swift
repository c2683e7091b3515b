/// The 128-bit product of two 64-bit integers, for the fixed-point types (`Fixed64`'s products,
/// `DecayFactorQ62`'s polynomial and decays).
///
/// On 64-bit CPUs the standard library's `multipliedFullWidth` is one or two instructions. On
/// 32-bit ARM (the armv7 board, in q16) it was the generic algorithm, called, not
/// inlined: 38,000 instructions a packet of q16's AfterImage under `toolchains/count.sh`. There
/// the product is taken from four 32 × 32 → 64-bit products instead, each one `umull`. Both give
/// the same bits, on every target (FixedPointTests compares them).
extension UInt64 {
    /// `self · other`, all 128 bits.
    @inlinable @inline(__always)
    public func fullWidthProduct(_ other: UInt64) -> (high: UInt64, low: UInt64) {
        #if arch(arm)
        return productOfHalves(other)
        #else
        return multipliedFullWidth(by: other)
        #endif
    }

    /// `self · other` from the four products of the 32-bit halves, schoolbook: the middle column
    /// adds three numbers below 2^32, so it cannot carry out of 64 bits.
    @inlinable @inline(__always)
    public func productOfHalves(_ other: UInt64) -> (high: UInt64, low: UInt64) {
        let a0 = self & 0xFFFF_FFFF, a1 = self >> 32
        let b0 = other & 0xFFFF_FFFF, b1 = other >> 32
        let p00 = a0 &* b0, p01 = a0 &* b1, p10 = a1 &* b0, p11 = a1 &* b1
        let middle = (p00 >> 32) &+ (p01 & 0xFFFF_FFFF) &+ (p10 & 0xFFFF_FFFF)
        return (high: p11 &+ (p01 >> 32) &+ (p10 >> 32) &+ (middle >> 32),
                low: (middle << 32) | (p00 & 0xFFFF_FFFF))
    }
}

extension Int64 {
    /// `self · other`, all 128 bits, as `multipliedFullWidth` gives them.
    @inlinable @inline(__always)
    public func fullWidthProduct(_ other: Int64) -> (high: Int64, low: UInt64) {
        #if arch(arm)
        return productOfHalves(other)
        #else
        return multipliedFullWidth(by: other)
        #endif
    }

    /// The signed product from the unsigned one: a negative factor is its bit pattern less 2^64,
    /// so modulo 2^128 the product loses 2^64 times the other factor's bit pattern for each.
    @inlinable @inline(__always)
    public func productOfHalves(_ other: Int64) -> (high: Int64, low: UInt64) {
        let a = UInt64(bitPattern: self), b = UInt64(bitPattern: other)
        let (unsignedHigh, low) = a.productOfHalves(b)
        var high = unsignedHigh
        if self < 0 { high &-= b }
        if other < 0 { high &-= a }
        return (Int64(bitPattern: high), low)
    }
}

extension Int32 {
    /// `Int64(self) · Int64(other)`, exactly: Q16's products.
    ///
    /// On 32-bit ARM that product of widened values compiled to a 64 × 64-bit multiply (`umull`,
    /// two `mla`s, two shifts); `multipliedFullWidth` compiles to one `smull` (`smlal` when the
    /// product is added to a sum), a quarter of KitNET's q16 products on armv7.
    @inlinable @inline(__always)
    public func fullWidthProduct(_ other: Int32) -> Int64 {
        #if arch(arm)
        return productFromFullWidth(other)
        #else
        return Int64(self) &* Int64(other)
        #endif
    }

    /// The same from `multipliedFullWidth`'s two halves.
    @inlinable @inline(__always)
    public func productFromFullWidth(_ other: Int32) -> Int64 {
        let (high, low) = multipliedFullWidth(by: other)
        return Int64(high) << 32 | Int64(low)
    }
}

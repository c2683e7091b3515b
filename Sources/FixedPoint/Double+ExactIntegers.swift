extension Double {
    /// `Double(value)` for |value| < 2^51, from the bit pattern: 2^52's with value + 2^51 in its
    /// 52 bits of fraction is the double 2^52 + 2^51 + value, and subtracting 2^52 + 2^51 leaves
    /// value exactly.
    ///
    /// For 32-bit ARM. It has no instruction that converts a 64-bit integer (`__aeabi_l2d` is a
    /// call of some 50 instructions), and LLVM turns conversions of 32-bit integers into one of
    /// a 64-bit integer where it can prove that exact (`Double(a) - Double(b)` into
    /// `Double(Int64(a) - Int64(b))`, a split `hi · 2^32 + lo` into the whole): 20,000
    /// instructions a packet of armv7's q16 under `toolchains/count.sh`. An integer addition and
    /// one subtraction of doubles are what they say on every target.
    @inlinable @inline(__always)
    public init(exactly51Bits value: Int64) {
        let bias: Int64 = 1 << 51
        self = Double(bitPattern: 0x4330_0000_0000_0000 &+ UInt64(bitPattern: value &+ bias)) - 0x1.8p52
    }

    /// `Double(value)`, rounded once, as the sum of its 32-bit halves made exact that way (the
    /// product by 2^32 is exact too), for the same reasons.
    @inlinable @inline(__always)
    public init(roundingHalvesOf value: UInt64) {
        self = Double(exactly51Bits: Int64(value >> 32)) * 0x1p32 + Double(exactly51Bits: Int64(value & 0xFFFF_FFFF))
    }
}

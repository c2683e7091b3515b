/// ⌊√n⌋ of a 64-bit integer: the one integer square root under `Q16.squareRoot` and
/// `Fixed64.squareRoot`.
///
/// Newton's iteration takes a 64-bit division a step, three or four steps. That is an
/// instruction on 64-bit CPUs, but on 32-bit ARM (the armv7 board, in q16) a call into a software
/// division of some 230 instructions: 44,000 instructions a packet under `toolchains/count.sh`,
/// an eighth of q16's work there. There the FPU's square root gives the root to within 2^-20, and
/// integers correct it: the same ⌊√n⌋ (WideIntegerTests compares the two on 500,000 values from
/// all of the range, squares and their neighbours among them).
/// The armhf ABI guarantees that FPU; elsewhere q16 stays integers only.
extension UInt64 {
    /// ⌊√self⌋.
    @inlinable @inline(__always)
    public var floorSquareRoot: UInt64 {
        #if arch(arm)
        return floorSquareRootInDouble
        #else
        return floorSquareRootByNewton
        #endif
    }

    /// Newton's iteration from above: it decreases to ⌊√n⌋ and stops there. Each step is a
    /// 64-bit division, the dear part (a software call on a 32-bit core); from `squareRootSeed`
    /// it takes 3.3 of them on average on n above 2^40 (Fixed64's roots are there) where a
    /// start at the next power of two took 4.9.
    @inlinable
    public var floorSquareRootByNewton: UInt64 {
        guard self > 1 else { return self }
        var root = squareRootSeed
        while true {
            let next = (root + self / root) / 2
            if next >= root { return root }
            root = next
        }
    }

    /// A start for Newton's iteration at or above √self (self ≥ 2), within about 2% of it for
    /// large n. With n = x · 4^h and x in [1, 4): √x lies below its tangent at 3 for x ≥ 2, at
    /// 1.5 below 2, √x ≤ (x + a) / (2√a), so √n ≤ (n / 2^h + a · 2^h) / (2√a). Every rounding
    /// here is upwards (n / 2^h by ⌊n / 2^h⌋ + 1, 1 / (4√a) in 2^-28ths, the result + 1), so
    /// the start is never below the root. Doubled to keep 1.5 · 2^h whole, the sum is below
    /// 2^35 and its product with the constant below 2^61.
    @inlinable @inline(__always)
    var squareRootSeed: UInt64 {
        // h ≤ 31 and every value below is within its bounds (above): the masking shifts and
        // wrapping operators leave out checks that cannot fail.
        let h = (63 &- leadingZeroBitCount) / 2
        let m = self &>> h
        let isUpperHalf = m &>> (h &+ 1) != 0
        let sum = 2 &* (m &+ 1) &+ (isUpperHalf ? 6 : 3) &<< h
        // ⌈2^28 / (4√3)⌉ and ⌈2^28 / (4√1.5)⌉.
        let coefficient: UInt64 = isUpperHalf ? 38_745_321 : 54_794_159
        return (sum &* coefficient) &>> 28 &+ 1
    }

    /// From the double square root. n in a double is rounded once (`Double(roundingHalvesOf:)`,
    /// no 64-bit conversion, a software call there), and `squareRoot` rounds once more: together
    /// within 2^-52 relative, so within 2^-20 of √n < 2^32. Its floor is therefore ⌊√n⌋ or one
    /// above (never below: an error that large only comes with a square that is not exact in a
    /// double, and then less than half an ulp of the root), which one comparison of squares
    /// settles (a square of a root below 2^32 fits 64 bits); the step up guards that argument
    /// only. The root becomes an integer by VFP's conversion of a 32-bit one.
    @inlinable
    public var floorSquareRootInDouble: UInt64 {
        let estimate = Double(roundingHalvesOf: self).squareRoot()
        // √n < 2^32, but n near 2^64 rounds up to 2^64, whose root is 2^32.
        let root = estimate < 0x1p32 ? UInt64(UInt32(estimate)) : UInt64(UInt32.max)
        if root &* root > self { return root &- 1 }
        if root < UInt64(UInt32.max) && (root &+ 1) &* (root &+ 1) <= self { return root &+ 1 }
        return root
    }
}

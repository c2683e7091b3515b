// The elementary functions of Fixed64, in integers only. Error bounds, checked by
// FixedPointTests against float64, are in units of the last place (LSB, 2^-24).

extension Fixed64 {
    /// √x, rounded to nearest below 2^16 (within 0.5 LSB); above, from the top 64 bits of
    /// x·2^24 (within 2^-31 relative). Negative x gives 0 (counted).
    @inlinable public func squareRoot() -> Fixed64 {
        guard raw > 0 else {
            if raw < 0 { Saturations.record(.function) }
            return .zero
        }
        // √(raw / 2^24) · 2^24 = √(raw · 2^24). Shift raw left by an even 2s ≤ 24 that keeps it
        // within 64 bits, and the root right back by (24 - 2s) / 2.
        let n = UInt64(raw)
        let shift = Swift.min(24, (n.leadingZeroBitCount) & ~1)
        let scaled = n << shift
        var root = scaled.floorSquareRoot
        let back = (24 - shift) / 2
        if back == 0 {
            // Round: (root + 1/2)² = root² + root + 1/4.
            if scaled - root * root > root { root += 1 }
            return Fixed64(raw: Int64(root))
        }
        return Fixed64(raw: Int64(root << back))
    }

    /// 2^x: x = k + f with k whole and 0 ≤ f < 1; 2^f by `Q16`'s Taylor polynomial of e^(f·ln2)
    /// in Q30 (to 2^-30), then shifted by k with rounding. Within 1 LSB up to 1 (x ≤ 0: the decay
    /// factors), within 1 LSB or 2^-28 relative above, whichever is larger; saturates from x = 39, underflows to 0 below 2^-25.
    @inlinable public static func powerOfTwo(_ x: Fixed64) -> Fixed64 {
        let k = x.raw >> 24  // floor
        let f = x.raw & 0xFF_FFFF  // the fraction, in Q24
        if k >= 39 {
            Saturations.record(.function)
            return .max
        }
        if k < -25 { return .zero }
        let p = Q16.exponentialQ30(((f << 6) * Q16.ln2Q30) >> 30)  // 2^f in Q30
        // p = 2^f in Q30; the result is p · 2^k / 2^6 in Q24.
        let shift = 6 - Int(k)
        let value = shift > 0 ? (p + (1 << (shift - 1))) >> shift : p << -shift
        return Fixed64(raw: value)
    }
}

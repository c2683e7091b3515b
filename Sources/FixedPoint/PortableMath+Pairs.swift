extension PortableMath {
    /// 2^x of two lanes at once (`SIMD2<Double>`: one SSE2 or NEON register), each lane the very
    /// bits `exp2` gives it: the same IEEE operations in the same order.
    ///
    /// AfterImage needs 2^(-λ·Δt) for every decay rate each time a stream last touched at a new
    /// instant decays: a few times per packet, five rates each. Two rates at a time halve the
    /// degree-13 polynomial's work. `exp2`'s ⌊t + 1/2⌋ is taken here by the 1.5·2^52 shift
    /// (which rounds to nearest, exact below 2^51) and a correction where that rounded up: the
    /// same integer. A lane whose result would not be a normal number (x below -1021 or from
    /// 1023 on, or NaN) is computed by `exp2` itself.
    @inlinable
    public static func exp2(_ x: SIMD2<Double>) -> SIMD2<Double> {
        guard x[0] >= -1021 && x[0] < 1023 && x[1] >= -1021 && x[1] < 1023 else {
            return SIMD2(exp2(x[0]), exp2(x[1]))
        }
        let magic = SIMD2<Double>(repeating: 0x1.8p52)
        let shifted = x + SIMD2(repeating: 0.5)
        let rounded = (shifted + magic) - magic
        let k = rounded.replacing(with: rounded - SIMD2(repeating: 1), where: rounded .> shifted)
        let y = (x - k) * SIMD2(repeating: ln2)
        let c = reciprocalFactorials
        var p = SIMD2<Double>(repeating: c.11)
        p = SIMD2(repeating: c.10) + y * p
        p = SIMD2(repeating: c.9) + y * p
        p = SIMD2(repeating: c.8) + y * p
        p = SIMD2(repeating: c.7) + y * p
        p = SIMD2(repeating: c.6) + y * p
        p = SIMD2(repeating: c.5) + y * p
        p = SIMD2(repeating: c.4) + y * p
        p = SIMD2(repeating: c.3) + y * p
        p = SIMD2(repeating: c.2) + y * p
        p = SIMD2(repeating: c.1) + y * p
        p = SIMD2(repeating: c.0) + y * p
        p = SIMD2(repeating: 1) + y * p
        p = SIMD2(repeating: 1) + y * p
        // 2^k as a bit pattern: k + 1023 in the exponent field (k + 2^52 + 1023 holds it in its
        // low bits, exactly).
        let biased = unsafeBitCast(k + SIMD2(repeating: 0x1p52 + 1023), to: SIMD2<UInt64>.self)
        return p * unsafeBitCast(biased &<< SIMD2(repeating: 52), to: SIMD2<Double>.self)
    }
}

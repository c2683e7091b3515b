/// The float32 logistic, eight lanes at a time (SSE on x86-64, NEON on the routers' ARM cores).
///
/// KitNET takes σ of every hidden and output unit of every autoencoder, 300 a packet on
/// dev.pcap's map; computed through float64 `PortableMath.exp` and narrowed per unit, it was
/// most of the float32 engine's time. Here: e^-x = 2^k · e^y with k = round(-x·log2 e) and
/// y = -x - k·ln 2 (Cody and Waite: ln 2 in two parts, the first exact in k's products), e^y by
/// Cephes' degree-7 polynomial for |y| ≤ ln2/2 (within 1 ulp), and 2^k as a bit pattern. Only
/// IEEE additions, multiplications and one division, lane by lane and never fused: a router
/// computes the bits the host does, as with `PortableMath`. Within 2 ulp of σ for |x| ≤ 87
/// (PortableMathTests measures it); beyond, 1, or a value below 2^-125 for σ's tiny tail.
extension Float {
    @inlinable @inline(__always)
    public static func logistic(_ x: SIMD8<Float>) -> SIMD8<Float> {
        // Beyond ±88, e^-x leaves float's normal range; σ there is 1 or below 2^-126. The clamp
        // is `Swift.min(Swift.max(t, -87.5), 88)` of each lane (NaN stays NaN), done on halves of
        // four lanes (`clamped`): the compiler turns SIMD4's selects into minps and maxps (NEON
        // fmin, fmax), but SIMD8's comparisons and a loop over eight lanes into code that goes
        // through memory lane by lane, which cost as much as the rest of the function.
        var t = -x
        t.lowHalf = clamped(t.lowHalf)
        t.highHalf = clamped(t.highHalf)
        // Round to nearest by the 1.5·2^23 shift: the sum's low bits are k, its value k + shift.
        let shift = SIMD8<Float>(repeating: 0x1.8p23)
        let shifted = t * SIMD8(repeating: 1.44269504088896341) + shift
        let k = shifted - shift
        let y = t - k * SIMD8(repeating: 0.693359375) - k * SIMD8(repeating: -2.12194440e-4)
        var p = SIMD8<Float>(repeating: 1.9875691500e-4)
        p = p * y + SIMD8(repeating: 1.3981999507e-3)
        p = p * y + SIMD8(repeating: 8.3334519073e-3)
        p = p * y + SIMD8(repeating: 4.1665795894e-2)
        p = p * y + SIMD8(repeating: 1.6666665459e-1)
        p = p * y + SIMD8(repeating: 5.0000001201e-1)
        p = p * (y * y) + y + SIMD8(repeating: 1)
        // 2^k for k in [-126, 127]: the exponent field k + 127.
        let exponent = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- SIMD8(repeating: 0x4B40_0000)
        let scale = unsafeBitCast((exponent &+ SIMD8(repeating: 127)) &<< SIMD8(repeating: 23), to: SIMD8<Float>.self)
        return SIMD8(repeating: 1) / (SIMD8(repeating: 1) + p * scale)
    }

    /// `Swift.min(Swift.max(t, -87.5), 88)`, lane by lane.
    @inlinable @inline(__always)
    static func clamped(_ t: SIMD4<Float>) -> SIMD4<Float> {
        let low = SIMD4<Float>(repeating: -87.5), high = SIMD4<Float>(repeating: 88)
        // Swift.max(t, low) is `low >= t ? low : t`; Swift.min(u, high) is `high < u ? high : u`.
        return t.replacing(with: low, where: t .<= low).replacing(with: high, where: high .< t)
    }

    /// `units[k] = σ(units[k] + biases[k])` for k < count, eight at a time; the last lanes of a
    /// count that is not a multiple of 8 are computed the same way, so every unit's result is
    /// the same wherever it falls.
    @inlinable
    public static func applyLogistic(to units: UnsafeMutablePointer<Float>, adding biases: UnsafePointer<Float>, count: Int) {
        var start = 0
        // Sixteen units a round, as two independent vectors: an in-order core (the routers'
        // Cortex-A53) waits out each step of one vector's polynomial, and the other's steps fill
        // the waits (toolchains/block-report.py: 7,546 → 5,488 modelled cycles a packet there,
        // when this came).
        // Each unit's operations are those of eight at a time: the same bits. Not on 32-bit ARM,
        // whose build has no NEON: sixteen lanes there are sixteen VFP registers' worth of
        // every step, and their spills cost more than the overlap gives.
        #if !arch(arm)
        while start + 16 <= count {
            let first = UnsafeRawPointer(units + start).loadUnaligned(as: SIMD8<Float>.self)
                + UnsafeRawPointer(biases + start).loadUnaligned(as: SIMD8<Float>.self)
            let second = UnsafeRawPointer(units + start + 8).loadUnaligned(as: SIMD8<Float>.self)
                + UnsafeRawPointer(biases + start + 8).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(units + start).storeBytes(of: logistic(first), as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(units + start + 8).storeBytes(of: logistic(second), as: SIMD8<Float>.self)
            start += 16
        }
        #endif
        while start + 8 <= count {
            let sums = UnsafeRawPointer(units + start).loadUnaligned(as: SIMD8<Float>.self)
                + UnsafeRawPointer(biases + start).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(units + start).storeBytes(of: logistic(sums), as: SIMD8<Float>.self)
            start += 8
        }
        guard start < count else { return }
        var sums = SIMD8<Float>()
        let rest = count - start
        if rest >= 4 {
            // A half vector (autoencoder bundles have four lanes), without going lane by lane.
            sums.lowHalf = UnsafeRawPointer(units + start).loadUnaligned(as: SIMD4<Float>.self)
                + UnsafeRawPointer(biases + start).loadUnaligned(as: SIMD4<Float>.self)
        }
        for lane in (rest >= 4 ? 4 : 0)..<rest { sums[lane] = units[start + lane] + biases[start + lane] }
        let values = logistic(sums)
        if rest >= 4 { UnsafeMutableRawPointer(units + start).storeBytes(of: values.lowHalf, as: SIMD4<Float>.self) }
        for lane in (rest >= 4 ? 4 : 0)..<rest { units[start + lane] = values[lane] }
    }
}

/// Elementary functions computed the same way on every architecture.
///
/// libm differs between C libraries: glibc and musl round some `pow` and `expf` results
/// differently, and Kitsune's features amplify a last-bit difference (a damped variance can be
/// the difference of two nearly equal sums). These use only IEEE additions, multiplications and
/// exact scaling, which every target performs identically (Swift does not fuse them), so a
/// router computes the very bits the host does. Accuracy: within 2 ulp.
public enum PortableMath {
    /// 1/n! for n = 2...13: the Taylor series of e^y, enough for |y| ≤ ln2/2 to 1e-17.
    @usableFromInline
    static let reciprocalFactorials: (Double, Double, Double, Double, Double, Double, Double, Double, Double,
                                      Double, Double, Double) = (
        0.5, 0.16666666666666666, 0.041666666666666664, 0.008333333333333333, 0.001388888888888889,
        0.0001984126984126984, 2.48015873015873e-05, 2.7557319223985893e-06, 2.755731922398589e-07,
        2.505210838544172e-08, 2.08767569878681e-09, 1.6059043836821613e-10)

    @usableFromInline
    static let ln2 = 0.6931471805599453

    /// 2^t = 2^k · e^y, where k = round(t) and y = (t - k)·ln 2 (|y| ≤ ln2/2), with e^y from
    /// `polynomial`; scaled by 2^k exactly (rounded once where the result is subnormal).
    @inlinable @inline(__always)
    static func powerOfTwo(_ t: Double, polynomial: (Double) -> Double) -> Double {
        // ⌊t + 1/2⌋ by truncation and a correction, not `rounded(.down)`: that is a call into
        // libm on x86-64 without SSE4.1, and KitNET takes this path for every logistic.
        let shifted = t + 0.5
        var whole = Int(shifted)
        if Double(whole) > shifted { whole -= 1 }
        let k = Double(whole)
        let p = polynomial((t - k) * ln2)
        // 2^k for a normal k is a bit pattern, and p · 2^k is then exact: the same bits as
        // `Double(sign:exponent:significand:)`, which handles the subnormal results.
        guard whole > -1022 && whole <= 1023 else { return Double(sign: .plus, exponent: whole, significand: p) }
        return p * Double(bitPattern: UInt64(1023 + whole) << 52)
    }

    /// 2^x in float64: the Taylor polynomial of e^y to degree 13, error 1e-17 relative.
    @inlinable
    public static func exp2(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x >= 1024 { return .infinity }
        if x < -1076 { return 0 }
        return powerOfTwo(x) { y in
            let c = reciprocalFactorials
            var p = c.11
            p = c.10 + y * p
            p = c.9 + y * p
            p = c.8 + y * p
            p = c.7 + y * p
            p = c.6 + y * p
            p = c.5 + y * p
            p = c.4 + y * p
            p = c.3 + y * p
            p = c.2 + y * p
            p = c.1 + y * p
            p = c.0 + y * p
            p = 1 + y * p
            return 1 + y * p
        }
    }

    /// e^x in float32: 2^(x·log2 e) in float64 with the polynomial to degree 8 (relative error
    /// 2e-10, far below a float32 ulp), rounded once to float32. Within 1 ulp.
    @inlinable
    public static func exp(_ x: Float) -> Float {
        let t = Double(x) * 1.4426950408889634
        if t.isNaN { return .nan }
        if t >= 128 { return .infinity }
        if t < -151 { return 0 }
        return Float(powerOfTwo(t) { y in
            let c = reciprocalFactorials
            var p = c.6
            p = c.5 + y * p
            p = c.4 + y * p
            p = c.3 + y * p
            p = c.2 + y * p
            p = c.1 + y * p
            p = c.0 + y * p
            p = 1 + y * p
            return 1 + y * p
        })
    }
}

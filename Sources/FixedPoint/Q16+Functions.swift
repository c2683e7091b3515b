// The elementary functions of Q16, in integers only. Error bounds, checked by FixedPointTests
// against float64 over dense grids, are in units of the last place (LSB, 2^-16).

extension Q16 {
    /// √x, correctly rounded (within 0.5 LSB); negative x gives 0 (counted).
    public func squareRoot() -> Q16 {
        guard raw > 0 else {
            if raw < 0 { Q16.count(.function) }
            return .zero
        }
        // √(raw / 2^16) · 2^16 = √(raw · 2^16): the integer square root of a 48-bit number,
        // then rounded by comparing with the midpoint.
        let n = UInt64(raw) << 16
        // Newton's iteration from above: it decreases to ⌊√n⌋ and stops there.
        var root: UInt64 = 1 << ((64 - n.leadingZeroBitCount + 1) / 2)
        while true {
            let next = (root + n / root) / 2
            if next >= root { break }
            root = next
        }
        // Round: root + 1/2 squared is root² + root + 1/4; n ≥ that means rounding up.
        if n - root * root > root { root += 1 }
        return Q16(raw: Int32(root))
    }

    /// 1/n! in Q30, n = 0...10: the Taylor series of e^y for y = f·ln2, 0 ≤ f < 1, to 2^-30.
    static let exponentialCoefficients: [Int64] = [
        1_073_741_824, 1_073_741_824, 536_870_912, 178_956_971, 44_739_243, 8_947_849, 1_491_308, 213_044, 26_631,
        2_959, 296,
    ]

    /// ln 2 in Q30.
    static let ln2Q30: Int64 = 744_261_118

    /// 2^x: x = k + f with k whole and 0 ≤ f < 1; 2^f = e^(f·ln2) by its Taylor polynomial in
    /// Q30, then shifted by k with rounding. Within 1 LSB up to 1 (x ≤ 0: the decay factors),
    /// within 2^-28 relative above; saturates above 32767 (x ≥ 15), underflows to 0 below 2^-17.
    public static func powerOfTwo(_ x: Q16) -> Q16 {
        let k = Int(x.raw >> 16)  // floor
        let f = Int64(x.raw & 0xFFFF)  // the fraction, in Q16
        if k >= 15 {
            count(.function)
            return .max
        }
        if k < -17 { return .zero }
        // (Shifts bind tighter than products in Swift: every product is parenthesised.)
        let y = ((f << 14) * ln2Q30) >> 30  // f·ln2 in Q30
        var p = exponentialCoefficients[10]
        for index in stride(from: 9, through: 0, by: -1) {
            p = exponentialCoefficients[index] + ((y * p) >> 30)
        }
        // p = 2^f in Q30; the result is p · 2^k / 2^14 in Q16.
        let shift = 14 - k
        let value = shift > 0 ? (p + (1 << (shift - 1))) >> shift : p << -shift
        return Q16(saturating: value, kind: .function)
    }

    /// log2(x) for x > 0: the integer part from the leading bit, then 17 fraction bits by
    /// repeated squaring in Q30, rounded. Within 1 LSB; x ≤ 0 gives `min` (counted).
    public static func logarithmBase2(_ x: Q16) -> Q16 {
        guard x.raw > 0 else {
            count(.function)
            return .min
        }
        let leading = 31 - x.raw.leadingZeroBitCount  // position of the top bit
        var result = Int64(leading - 16) << 17  // in Q17 until the final rounding
        // y = x / 2^leading in [1, 2), Q30.
        var y = leading >= 30 ? Int64(x.raw) >> (leading - 30) : Int64(x.raw) << (30 - leading)
        for bit in stride(from: 16, through: 0, by: -1) {
            y = (y * y) >> 30
            if y >= 1 << 31 {
                y >>= 1
                result += 1 << bit
            }
        }
        return Q16(saturating: (result + 1) >> 1, kind: .function)
    }

    /// log2(e) in Q16.
    static let log2e = Q16(raw: 94_548)

    /// e^x, as 2^(x·log2 e). Within 2 LSB where below 1, 2^-14 relative above; saturates above
    /// 22180 (x > 10.4).
    public static func exponential(_ x: Q16) -> Q16 { powerOfTwo(x * log2e) }

    /// σ(x) = 1 / (1 + e^(-x)), computed for |x| as 1 / (1 + 2^(-|x|·log2 e)) and mirrored,
    /// σ(-x) = 1 - σ(x). Within 4 LSB; never saturates.
    public static func logistic(_ x: Q16) -> Q16 {
        let t = powerOfTwo(-(x.magnitude * log2e))  // in (0, 1]
        // 1 / (1 + t) in Q16, rounded: 2^32 / (2^16 + t_raw).
        let denominator = Int64(65536) + Int64(t.raw)
        let positive = ((Int64(1) << 32) + denominator / 2) / denominator
        return Q16(raw: Int32(x.raw >= 0 ? positive : 65536 - positive))
    }
}

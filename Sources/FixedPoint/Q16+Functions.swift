// The elementary functions of Q16, in integers only. Error bounds, checked by FixedPointTests
// against float64 over dense grids, are in units of the last place (LSB, 2^-16).

extension Q16 {
    /// √x, correctly rounded (within 0.5 LSB); negative x gives 0 (counted).
    @inlinable public func squareRoot() -> Q16 {
        guard raw > 0 else {
            if raw < 0 { Saturations.record(.function) }
            return .zero
        }
        // √(raw / 2^16) · 2^16 = √(raw · 2^16): the integer square root of a 48-bit number,
        // then rounded by comparing with the midpoint.
        let n = UInt64(raw) << 16
        var root = n.floorSquareRoot
        // Round: root + 1/2 squared is root² + root + 1/4; n ≥ that means rounding up.
        if n - root * root > root { root += 1 }
        return Q16(raw: Int32(root))
    }

    /// e^y for 0 ≤ y < ln 2, y and the result in Q30: the Taylor polynomial to degree 10
    /// (coefficients 1/n! in Q30), by Horner's rule, to 2^-30. Unrolled, with the coefficients as
    /// literals: a global array would cost a lazy-initialisation check and a bounds check per term,
    /// and this runs for every logistic of KitNET.
    @inline(__always)
    @inlinable static func exponentialQ30(_ y: Int64) -> Int64 {
        var p: Int64 = 296
        p = 2_959 + ((y * p) >> 30)
        p = 26_631 + ((y * p) >> 30)
        p = 213_044 + ((y * p) >> 30)
        p = 1_491_308 + ((y * p) >> 30)
        p = 8_947_849 + ((y * p) >> 30)
        p = 44_739_243 + ((y * p) >> 30)
        p = 178_956_971 + ((y * p) >> 30)
        p = 536_870_912 + ((y * p) >> 30)
        p = 1_073_741_824 + ((y * p) >> 30)
        return 1_073_741_824 + ((y * p) >> 30)
    }

    /// ln 2 in Q30.
    @inlinable static var ln2Q30: Int64 { 744_261_118 }

    /// 2^x: x = k + f with k whole and 0 ≤ f < 1; 2^f = e^(f·ln2) by its Taylor polynomial in
    /// Q30, then shifted by k with rounding. Within 1 LSB up to 1 (x ≤ 0: the decay factors),
    /// within 2^-28 relative above; saturates above 32767 (x ≥ 15), underflows to 0 below 2^-17.
    @inlinable public static func powerOfTwo(_ x: Q16) -> Q16 {
        let k = Int(x.raw >> 16)  // floor
        let f = Int64(x.raw & 0xFFFF)  // the fraction, in Q16
        if k >= 15 {
            Saturations.record(.function)
            return .max
        }
        if k < -17 { return .zero }
        // (Shifts bind tighter than products in Swift: every product is parenthesised.)
        let p = exponentialQ30(((f << 14) * ln2Q30) >> 30)  // e^(f·ln2) = 2^f in Q30
        // p = 2^f in Q30; the result is p · 2^k / 2^14 in Q16.
        let shift = 14 - k
        let value = shift > 0 ? (p + (1 << (shift - 1))) >> shift : p << -shift
        return Q16(saturating: value, kind: .function)
    }

    /// log2(x) for x > 0: the integer part from the leading bit, then 17 fraction bits by
    /// repeated squaring in Q30, rounded. Within 1 LSB; x ≤ 0 gives `min` (counted).
    @inlinable public static func logarithmBase2(_ x: Q16) -> Q16 {
        guard x.raw > 0 else {
            Saturations.record(.function)
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
    @inlinable static var log2e: Q16 { Q16(raw: 94_548) }

    /// e^x, as 2^(x·log2 e). Within 2 LSB where below 1, 2^-14 relative above; saturates above
    /// 22180 (x > 10.4).
    @inlinable public static func exponential(_ x: Q16) -> Q16 { powerOfTwo(x * log2e) }

    /// σ(x) = 1 / (1 + e^(-x)) by linear interpolation in `logisticTable` for |x| < 16 (σ rounds
    /// to 1 beyond), mirrored for negative x, σ(-x) = 1 - σ(x). Within 2 LSB (1.03 measured); never saturates.
    ///
    /// A table, because KitNET takes the logistic of every unit of every autoencoder: the direct
    /// computation (a degree-10 polynomial and a division) was a sixth of the Q16 engine's time.
    @inline(__always)
    @inlinable public static func logistic(_ x: Q16) -> Q16 {
        logisticTable.withUnsafeBufferPointer { logistic(x, table: $0.baseAddress!) }
    }

    /// `units[k] = σ(units[k] + biases[k])` for k < count: a layer's activation, the table
    /// fetched once for the layer (it is built on first use, so every read of it checks that).
    @inlinable public static func applyLogistic(to units: UnsafeMutablePointer<Q16>, adding biases: UnsafePointer<Q16>,
                                                count: Int) {
        logisticTable.withUnsafeBufferPointer { table in
            for k in 0..<count { units[k] = logistic(units[k] + biases[k], table: table.baseAddress!) }
        }
    }

    @inline(__always)
    @inlinable static func logistic(_ x: Q16, table: UnsafePointer<Int32>) -> Q16 {
        // UInt32: |Int32.min| = 2^31 does not fit a 32-bit Int (armv7), and would trap.
        let magnitude = x.raw.magnitude
        let positive: Int32
        if magnitude >= 16 << 16 {
            positive = 1 << 16
        } else {
            // Entries every 2^-6: index from the top bits, weight from the 10 below. Wrapping
            // operators, as none can overflow (entries within [2^15, 2^16], increasing; the
            // weight below 2^10): this runs for every unit of every autoencoder.
            let index = Int(magnitude >> 10), weight = Int32(magnitude & 1023)
            let low = table[index], high = table[index &+ 1]
            positive = low &+ (((high &- low) &* weight &+ 512) >> 10)
        }
        return Q16(raw: x.raw >= 0 ? positive : (1 << 16) &- positive)
    }

    /// σ(k/64) for k = 0...1024 in Q16, each rounded to nearest from Q30 integer arithmetic:
    /// e^(-x) = 2^(-x·log2 e) = 2^(-n-1) · 2^(1-f) for n + f = x·log2 e, the power by the
    /// Taylor polynomial of `exponentialQ30`. Built once, on first use, in integers.
    @usableFromInline static let logisticTable: [Int32] = {
        let log2eQ30: Int64 = 1_549_082_005  // log2(e) · 2^30, rounded
        let one: Int64 = 1 << 30
        var table = [Int32](repeating: 0, count: 1025)
        for k in 0...1024 {
            let exponent = (Int64(k) * log2eQ30 + 32) >> 6  // x · log2 e in Q30
            let n = exponent >> 30, f = exponent & (one - 1)
            let power = exponentialQ30(((one - f) * ln2Q30) >> 30)  // 2^(1-f) in Q30, in (1, 2]
            let shift = n + 1
            let t = shift >= 62 ? 0 : (power + (Int64(1) << (shift - 1))) >> shift  // e^(-x) in Q30
            let denominator = one + t
            table[k] = Int32(((Int64(1) << 46) + denominator / 2) / denominator)
        }
        return table
    }()
}

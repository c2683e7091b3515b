/// Q16 as an engine arithmetic: KitNET runs in Q16, AfterImage and the feature mapper in
/// `Fixed64` (Q39.24), and every feature column is narrowed with a power-of-two scale that
/// brings its unit into Q16's range. docs/fixed-point.md gives each quantity's range.
extension Q16: KitsuneScalar {
    public typealias Accumulator = Fixed64

    @inlinable @inline(__always)
    public init(narrowing value: Fixed64) { self = value.narrowed(droppingBits: 0) }

    @inlinable @inline(__always)
    public init(narrowing value: Fixed64, droppingBits: Int) { self = value.narrowed(droppingBits: droppingBits) }

    @inlinable @inline(__always)
    public var widened: Fixed64 { Fixed64(self) }

    /// Each sum exact in 64 bits along a row of the transposed matrix, rounded to nearest and
    /// saturated once: more precise than a rounding per product, and a fifth of the work.
    /// Cannot overflow the 64 bits: |x·w| < 2^62 / 2^16 for any inputs the autoencoders hold
    /// (inputs within ±32, weights far below 2^20).
    @inlinable
    public static func multiply(_ vector: UnsafePointer<Q16>, rows: Int, by matrix: UnsafePointer<Q16>,
                                transposed: UnsafePointer<Q16>, columns: Int, into sums: UnsafeMutablePointer<Q16>) {
        for j in 0..<columns {
            let column = transposed + j * rows
            var sum: Int64 = 0
            for i in 0..<rows { sum &+= vector[i].raw.fullWidthProduct(column[i].raw) }
            sums[j] = Q16(roundingProduct: sum)
        }
    }

    /// σ of a layer by `Q16.applyLogistic`: the table fetched once, not once per unit.
    @inlinable
    public static func activate(_ units: UnsafeMutablePointer<Q16>, biases: UnsafePointer<Q16>, count: Int) {
        Q16.applyLogistic(to: units, adding: biases, count: count)
    }

    /// A bundle's layers as `multiply`: each lane's sum exact in 64 bits, rounded once, four
    /// lanes at a time (`Q16+LaneProducts` in FixedPoint).
    @inlinable @inline(__always)
    public static func multiplyLanes(_ vector: UnsafePointer<Q16>, rows: Int, byColumnsOf matrix: UnsafePointer<Q16>,
                                     columns: Int, into sums: UnsafeMutablePointer<Q16>) {
        Q16.multiplyLanewise(vector, rows: rows, byColumnsOf: matrix, columns: columns, into: sums)
    }

    @inlinable @inline(__always)
    public static func multiplyLanes(_ vector: UnsafePointer<Q16>, columns: Int, byRowsOf matrix: UnsafePointer<Q16>,
                                     rows: Int, into sums: UnsafeMutablePointer<Q16>) {
        Q16.multiplyLanewise(vector, columns: columns, byRowsOf: matrix, rows: rows, into: sums)
    }

    /// A gradient step by the generic step's operations, with one check of range per weight
    /// instead of one per operation (`Q16+LaneProducts` in FixedPoint).
    @inlinable @inline(__always)
    public static func addGradient(to matrix: UnsafeMutablePointer<Q16>, transposed: UnsafeMutablePointer<Q16>,
                                   rows: Int, columns: Int, rate: Q16, _ a: UnsafePointer<Q16>,
                                   _ b: UnsafePointer<Q16>, _ c: UnsafePointer<Q16>, _ d: UnsafePointer<Q16>) {
        Q16.addOuterProducts(to: matrix, transposed: transposed, rows: rows, columns: columns, rate: rate, a, b, c, d)
    }

    /// A bundle's gradient step by the generic step's operations, with one check of range per
    /// weight instead of one per operation (`Q16+LaneProducts` in FixedPoint).
    @inlinable @inline(__always)
    public static func addGradientLanes(to matrix: UnsafeMutablePointer<Q16>, rows: Int, columns: Int, rate: Q16,
                                        _ a: UnsafePointer<Q16>, _ b: UnsafePointer<Q16>,
                                        _ c: UnsafePointer<Q16>, _ d: UnsafePointer<Q16>) {
        Q16.addOuterProductsLanewise(to: matrix, rows: rows, columns: columns, rate: rate, a, b, c, d)
    }

    /// Normalised inputs are limited to ±32 times the training range: the logistic is flat far
    /// before that, and the limit keeps every square and sum of KitNET in Q16's range (an error
    /// of 33 squared, ten times, is 10,890). Each limited input is counted in `limited`.
    /// The quotient is rounded to nearest; a zero range gives 0 for an input at the minimum.
    @inlinable
    public static func normalised(_ x: Q16, minimum: Q16, maximum: Q16, epsilon: Q16, limited: inout Int64) -> Q16 {
        let offset = Int64(x.raw) - Int64(minimum.raw)
        let range = Int64(maximum.raw) - Int64(minimum.raw)
        if offset == 0 { return .zero }
        if range <= 0 || offset.magnitude >= 32 * range.magnitude {
            limited &+= 1
            return offset > 0 ? normalisedLimit : -normalisedLimit
        }
        // The same quotient two ways: where a 64-bit integer division is a library call (32-bit
        // ARM: `__aeabi_ldivmod`, a loop of a bit a turn, some 200 cycles on a Cortex-A7, for
        // every input of every autoencoder), in a double (about 60 cycles there, with VFP's
        // division); elsewhere the integer division, which is the faster there (x86-64: the
        // double's conversions made KitNET 15% slower).
        #if arch(arm)
        return Q16(raw: normalisedQuotientInDouble(offset: offset, range: range))
        #else
        return Q16(raw: normalisedQuotient(offset: offset, range: range))
        #endif
    }

    /// `offset · 2^16 / range` rounded to nearest, ties away from zero, for 0 < range < 2^32
    /// and |offset| < 32 · range (a quotient below 2^21): the normaliser's, by integer division.
    @inlinable @inline(__always)
    public static func normalisedQuotient(offset: Int64, range: Int64) -> Int32 {
        let numerator = offset << 16
        var quotient = numerator / range
        if 2 * (numerator % range).magnitude >= UInt64(range) { quotient += offset > 0 ? 1 : -1 }
        return Int32(quotient)
    }

    /// The same quotient from a double division: offset and range, differences of two Int32s,
    /// are exact in a double (made from their bit patterns, `Double(exactly51Bits:)`: a
    /// conversion of an Int64 is another library call on armv7, and LLVM makes one of
    /// `Double(a) - Double(b)`), and the division rounds correctly, so the double quotient is
    /// off by at most half an ulp of a value below 2^21: 2^-33. An exact
    /// quotient that is not halfway between integers is at least 1/(2·range) > 2^-33 away from
    /// the halfway point (`|2·offset·2^16 - (2k + 1)·range| ≥ 1`, range < 2^32), so the double
    /// is on its side of it; one that is halfway is a double itself. Rounding the double
    /// therefore rounds the exact quotient.
    @inlinable @inline(__always)
    public static func normalisedQuotientInDouble(offset: Int64, range: Int64) -> Int32 {
        let quotient = Double(exactly51Bits: offset) * 65536 / Double(exactly51Bits: range)
        let truncated = Int32(quotient)
        // Not Double(truncated): the generic conversion widens to an Int64 first (`__aeabi_l2d`).
        guard (quotient - Double(exactly51Bits: Int64(truncated))).magnitude >= 0.5 else { return truncated }
        return quotient > 0 ? truncated + 1 : truncated - 1
    }

    @inlinable
    public static var normalisedLimit: Q16 { Q16(integer: 32) }

    /// Any value: fixed point saturates instead of overflowing, and has no NaN.
    @inlinable
    public static var largestParameter: Q16 { .max }

    @inlinable
    public static var saturates: Bool { true }

    @inlinable public static var modelTag: UInt8 { 3 }
    @inlinable public static var storedByteCount: Int { 4 }
    @inlinable public var storedBits: UInt64 { UInt64(UInt32(bitPattern: raw)) }
    @inlinable public init(storedBits: UInt64) { self.init(raw: Int32(bitPattern: UInt32(truncatingIfNeeded: storedBits))) }
}

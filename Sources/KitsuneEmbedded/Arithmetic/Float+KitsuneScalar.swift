/// Float32, the default: KitNET in `Float`, AfterImage's sums in float64 with portable functions
/// (`PortableDouble`, see `KitsuneScalar.Accumulator`), so that a router's scores equal the host's.
extension Float: KitsuneScalar {
    public typealias Accumulator = PortableDouble

    @inlinable @inline(__always)
    public init(narrowing value: PortableDouble) { self.init(value.value) }

    @inlinable @inline(__always)
    public var widened: PortableDouble { PortableDouble(Double(self)) }

    /// 2^50: squares of 2^100 summed over 2^16 inputs stay far below `Float.greatestFiniteMagnitude` (2^128).
    @inlinable public static var normalisedLimit: Float { 0x1p50 }

    /// 2^60: 2^16 products of 2^50 and 2^60 stay below 2^127.
    @inlinable public static var largestParameter: Float { 0x1p60 }

    /// Eight columns at a time (`Float.multiply(_:rows:byRowMajor:columns:into:)` in FixedPoint),
    /// each sum added in the order of the rows as the generic product does. The matrices have
    /// `KitNET.vectorSlack` elements of room past their ends.
    @inlinable @inline(__always)
    public static func multiply(_ vector: UnsafePointer<Float>, rows: Int, by matrix: UnsafePointer<Float>,
                                transposed: UnsafePointer<Float>, columns: Int, into sums: UnsafeMutablePointer<Float>) {
        Float.multiply(vector, rows: rows, byRowMajor: matrix, columns: columns, into: sums)
    }

    /// Eight columns at a time, each weight by the generic step's operations.
    @inlinable @inline(__always)
    public static func addGradient(to matrix: UnsafeMutablePointer<Float>, transposed: UnsafeMutablePointer<Float>,
                                   rows: Int, columns: Int, rate: Float, _ a: UnsafePointer<Float>,
                                   _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>, _ d: UnsafePointer<Float>) {
        Float.addOuterProducts(to: matrix, transposed: transposed, rows: rows, columns: columns, rate: rate, a, b, c, d)
    }

    /// A bundle's layers and gradient step, four lanes in one vector (`Float+LaneProducts` in
    /// FixedPoint), each lane's sums added in the order of the generic kernels.
    @inlinable @inline(__always)
    public static func multiplyLanes(_ vector: UnsafePointer<Float>, rows: Int, byColumnsOf matrix: UnsafePointer<Float>,
                                     columns: Int, into sums: UnsafeMutablePointer<Float>) {
        Float.multiplyLanewise(vector, rows: rows, byColumnsOf: matrix, columns: columns, into: sums)
    }

    @inlinable @inline(__always)
    public static func multiplyLanes(_ vector: UnsafePointer<Float>, columns: Int, byRowsOf matrix: UnsafePointer<Float>,
                                     rows: Int, into sums: UnsafeMutablePointer<Float>) {
        Float.multiplyLanewise(vector, columns: columns, byRowsOf: matrix, rows: rows, into: sums)
    }

    @inlinable @inline(__always)
    public static func subtractLanes(_ values: UnsafeMutablePointer<Float>, from minuends: UnsafePointer<Float>, rows: Int) {
        Float.subtractLanewise(values, from: minuends, rows: rows)
    }

    @inlinable @inline(__always)
    public static func sumOfSquaresLanes(_ vector: UnsafePointer<Float>, rows: Int, into sums: UnsafeMutablePointer<Float>) {
        Float.sumOfSquaresLanewise(vector, rows: rows, into: sums)
    }

    @inlinable @inline(__always)
    public static func addGradientLanes(to matrix: UnsafeMutablePointer<Float>, rows: Int, columns: Int, rate: Float,
                                        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                        _ c: UnsafePointer<Float>, _ d: UnsafePointer<Float>) {
        Float.addOuterProductsLanewise(to: matrix, rows: rows, columns: columns, rate: rate, a, b, c, d)
    }

    /// Eight inputs at a time (`Float.normalise` in FixedPoint), the same quotients and limits as
    /// `KitsuneScalar.normalised`.
    @inlinable @inline(__always)
    public static func normalise(_ values: UnsafeMutablePointer<Float>, minima: UnsafePointer<Float>,
                                 maxima: UnsafePointer<Float>, count: Int, epsilon: Float, limited: inout Int64) {
        Float.normalise(values, minima: minima, maxima: maxima, count: count, epsilon: epsilon, limit: normalisedLimit,
                        limited: &limited)
    }

    /// Eight units at a time (`Float.applyLogistic` in FixedPoint).
    @inlinable @inline(__always)
    public static func activate(_ units: UnsafeMutablePointer<Float>, biases: UnsafePointer<Float>, count: Int) {
        Float.applyLogistic(to: units, adding: biases, count: count)
    }

    @inlinable public static var modelTag: UInt8 { 1 }
    @inlinable public static var storedByteCount: Int { 4 }
    @inlinable public var storedBits: UInt64 { UInt64(bitPattern) }
    @inlinable public init(storedBits: UInt64) { self.init(bitPattern: UInt32(truncatingIfNeeded: storedBits)) }
}

/// An `AfterImage<Float>` (not what the float32 engine runs: see above) keeps the centred form:
/// in float32 the reference's `CF2/w - mean²` loses every digit of a small variance (1e-7 of a
/// 1500-byte mean squared is 0.2 byte²).
extension Float: AccumulatorScalar {
    @inlinable @inline(__always)
    public static var dampedStatisticsForm: DampedStatisticsForm { .centred }

    /// The integer difference, exact, turned into seconds once: a Float32 epoch would have a
    /// resolution of two minutes, a Float32 difference keeps 24 significant bits.
    @inlinable @inline(__always)
    public static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> Float {
        let (difference, overflow) = later.subtractingReportingOverflow(earlier)
        // Timestamps centuries apart (a crafted capture) do not fit a 64-bit difference.
        return overflow ? Float((Double(later) - Double(earlier)) * 1e-9) : Float(Double(difference) * 1e-9)
    }
}

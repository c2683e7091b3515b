/// Float64, the reference-check mode: KitNET and AfterImage in `Double` with the C library's
/// `pow` and `exp`, the reference's own sums and its way of turning timestamps into seconds.
extension Double: KitsuneScalar {
    public typealias Accumulator = Double

    @inlinable @inline(__always)
    public init(narrowing value: Double) { self = value }

    @inlinable @inline(__always)
    public var widened: Double { self }

    /// 2^480: squares of 2^960 summed over 2^16 inputs stay below `Double.greatestFiniteMagnitude` (2^1024).
    @inlinable public static var normalisedLimit: Double { 0x1p480 }

    /// 2^520: 2^16 products of 2^480 and 2^520 stay below 2^1017.
    @inlinable public static var largestParameter: Double { 0x1p520 }

    @inlinable public static var modelTag: UInt8 { 2 }
    @inlinable public static var storedByteCount: Int { 8 }
    @inlinable public var storedBits: UInt64 { bitPattern }
    @inlinable public init(storedBits: UInt64) { self.init(bitPattern: storedBits) }
}

extension Double: AccumulatorScalar {
    /// Two at a time (`Double.addScaledPairwise`), each sum the one `+=` gives.
    @inlinable @inline(__always)
    public static func addProducts(_ values: UnsafeMutablePointer<Double>, count: Int, scale: Double,
                                   times vector: UnsafePointer<Double>) {
        addScaledPairwise(UnsafeMutableRawPointer(values), count: count, scale: scale, times: UnsafeRawPointer(vector))
    }

    /// Two values at a time, each the product `decayed` gives (`Double.multiplyPairwise`).
    @inlinable @inline(__always)
    public static func decay(_ values: UnsafeMutablePointer<Double>, count: Int, by factors: UnsafePointer<Double>) {
        multiplyPairwise(UnsafeMutableRawPointer(values), count: count, by: UnsafeRawPointer(factors))
    }

    /// The reference's own sums.
    @inlinable @inline(__always)
    public static var dampedStatisticsForm: DampedStatisticsForm { .referenceSums }

    /// The difference of the two instants as the reference computes it: each timestamp is first
    /// turned into float64 epoch seconds (tshark's `frame.time_epoch`, parsed by Python), then
    /// subtracted. At today's epoch this rounding is visible at 1e-7 s, so it is reproduced.
    @inlinable @inline(__always)
    public static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> Double {
        epochSeconds(nanoseconds: later) - epochSeconds(nanoseconds: earlier)
    }

    /// The float64 value of a timestamp's decimal seconds.
    ///
    /// For whole microseconds `Double(µs) / 1e6` is the correctly rounded decimal (the numerator
    /// is exact below 2^53 and IEEE division rounds correctly), which is what parsing
    /// tshark's text gives. Finer timestamps are rounded twice, an error of at most one ulp.
    @inlinable @inline(__always)
    public static func epochSeconds(nanoseconds: Int64) -> Double {
        if nanoseconds % 1000 == 0 {
            return Double(nanoseconds / 1000) / 1_000_000
        }
        return Double(nanoseconds / 1_000_000_000) + Double(nanoseconds % 1_000_000_000) / 1e9
    }
}

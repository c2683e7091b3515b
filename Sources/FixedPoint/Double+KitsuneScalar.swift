extension Double: KitsuneScalar {
    public typealias Accumulator = Double

    @inline(__always)
    public init(narrowing value: Double) { self = value }

    @inline(__always)
    public var doubleValue: Double { self }

    @inline(__always)
    public init(integer: Int) { self.init(integer) }

    @inline(__always)
    public var widened: Double { self }

    public static var modelTag: UInt8 { 2 }
    public static var storedByteCount: Int { 8 }
    public var storedBits: UInt64 { bitPattern }
    public init(storedBits: UInt64) { self.init(bitPattern: storedBits) }

    @inline(__always)
    public static var one: Double { 1 }

    /// Float64 is the reference-check mode: the reference's own sums.
    @inline(__always)
    public static var dampedStatisticsForm: DampedStatisticsForm { .referenceSums }

    /// `pow(2, x)`: what the reference's `math.pow(2, ...)` calls, so decay factors match bit for bit.
    @inline(__always)
    public static func powerOfTwo(_ exponent: Double) -> Double { c_pow(unfoldedTwo(), exponent) }

    /// `pow(x, 2)`, which the reference calls through `math.pow` and `** 2`.
    @inline(__always)
    public static func square(_ x: Double) -> Double { c_pow(x, unfoldedTwo()) }

    /// `1 / (1 + exp(-x))`, as NumPy evaluates the reference's sigmoid.
    @inline(__always)
    public static func logistic(_ x: Double) -> Double { 1 / (1 + c_exp(-x)) }

    /// The difference of the two instants as the reference computes it: each timestamp is first
    /// turned into float64 epoch seconds (tshark's `frame.time_epoch`, parsed by Python), then
    /// subtracted. At today's epoch this rounding is visible at 1e-7 s, so it is reproduced.
    @inline(__always)
    public static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> Double {
        epochSeconds(nanoseconds: later) - epochSeconds(nanoseconds: earlier)
    }

    /// The float64 value of a timestamp's decimal seconds.
    ///
    /// For whole microseconds `Double(µs) / 1e6` is the correctly rounded decimal (the numerator
    /// is exact below 2^53 and IEEE division rounds correctly), which is what parsing
    /// tshark's text gives. Finer timestamps are rounded twice, an error of at most one ulp.
    @inline(__always)
    public static func epochSeconds(nanoseconds: Int64) -> Double {
        if nanoseconds % 1000 == 0 {
            return Double(nanoseconds / 1000) / 1_000_000
        }
        return Double(nanoseconds / 1_000_000_000) + Double(nanoseconds % 1_000_000_000) / 1e9
    }
}

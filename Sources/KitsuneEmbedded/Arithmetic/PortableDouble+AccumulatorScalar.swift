/// The float32 engine's accumulator: the reference's sums and seconds, in float64 with portable
/// functions.
extension PortableDouble: AccumulatorScalar {
    @inlinable @inline(__always)
    public static var dampedStatisticsForm: DampedStatisticsForm { .referenceSums }

    @inlinable @inline(__always)
    public static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> PortableDouble {
        PortableDouble(Double.seconds(fromNanoseconds: earlier, toNanoseconds: later))
    }
}

/// The float32 engine's accumulator: the reference's sums and seconds, in float64 with portable
/// functions.
extension PortableDouble: AccumulatorScalar {
    @inlinable @inline(__always)
    public static var dampedStatisticsForm: DampedStatisticsForm { .referenceSums }

    @inlinable @inline(__always)
    public static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> PortableDouble {
        PortableDouble(Double.seconds(fromNanoseconds: earlier, toNanoseconds: later))
    }

    /// Two rates at a time (`PortableMath.exp2` of pairs): each factor the bits one at a time
    /// gives, `2^(λ'·seconds)` with λ' = -λ.
    @inlinable @inline(__always)
    public static func decayFactors(negatedLambdas: UnsafePointer<PortableDouble>, count: Int,
                                    fromNanoseconds earlier: Int64, toNanoseconds later: Int64,
                                    into factors: UnsafeMutablePointer<PortableDouble>) {
        let elapsed = seconds(fromNanoseconds: earlier, toNanoseconds: later).value
        var k = 0
        while k + 2 <= count {
            let exponents = SIMD2(negatedLambdas[k].value * elapsed, negatedLambdas[k + 1].value * elapsed)
            let pair = PortableMath.exp2(exponents)
            factors[k] = PortableDouble(pair[0])
            factors[k + 1] = PortableDouble(pair[1])
            k += 2
        }
        if k < count { factors[k] = PortableDouble(PortableMath.exp2(negatedLambdas[k].value * elapsed)) }
    }

    /// Two values at a time, each the product `decayed` gives (`Double.multiplyPairwise`).
    @inlinable @inline(__always)
    public static func decay(_ values: UnsafeMutablePointer<PortableDouble>, count: Int,
                             by factors: UnsafePointer<PortableDouble>) {
        Double.multiplyPairwise(UnsafeMutableRawPointer(values), count: count, by: UnsafeRawPointer(factors))
    }

    /// Two at a time (`Double.addScaledPairwise`), each sum the one `+=` gives.
    @inlinable @inline(__always)
    public static func addProducts(_ values: UnsafeMutablePointer<PortableDouble>, count: Int, scale: PortableDouble,
                                   times vector: UnsafePointer<PortableDouble>) {
        Double.addScaledPairwise(UnsafeMutableRawPointer(values), count: count, scale: scale.value,
                                 times: UnsafeRawPointer(vector))
    }
}

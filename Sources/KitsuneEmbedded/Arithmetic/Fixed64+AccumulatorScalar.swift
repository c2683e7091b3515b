/// Fixed64 (Q39.24) as the accumulator of the Q16 engine: AfterImage and the feature mapper.
/// See docs/fixed-point.md for the ranges.
extension Fixed64: AccumulatorScalar {
    /// No sums of squares: mean, M2 and w (a 1514-byte packet squared times a weight of 1e5
    /// would be 2.3e11, at the edge of the range).
    @inlinable @inline(__always)
    public static var dampedStatisticsForm: DampedStatisticsForm { .centred }

    /// Sizes in 4-byte units: `M2 = w·var` and the trackers' `Σ r_A·r_B` (at most `w·757²` in
    /// bytes², 1/16 of it here) stay below 5.5e11 up to weights of 1.5e7, a stream of 107,000
    /// packets/s at λ = 0.01, where bytes would reach it at 6,700. Larger units buy more and cost
    /// the precision of small variances and their squares (the radius): 16-byte units gave
    /// dev.pcap an AUC of 0.923 instead of 0.929 (docs/fixed-point.md).
    @inlinable @inline(__always)
    public static var packetSizeUnitBits: Int { 2 }

    @inlinable @inline(__always)
    public init(packetSize bytes: UInt32) { self.init(raw: Int64(bytes) << 22) }  // bytes / 4, in Q24

    /// Decay factors in Q0.62 (`DecayFactorQ62`): a factor in Q39.24 would be 1 for a fast stream.
    public typealias DecayFactor = DecayFactorQ62

    @inlinable @inline(__always)
    public static func decayFactor(negatedLambda: Fixed64, fromNanoseconds earlier: Int64,
                                   toNanoseconds later: Int64) -> DecayFactorQ62 {
        DecayFactorQ62(negatedLambda: negatedLambda, fromNanoseconds: earlier, toNanoseconds: later)
    }

    @inlinable @inline(__always)
    public static func decayed(_ x: Fixed64, by factor: DecayFactorQ62) -> Fixed64 { x.decayed(by: factor) }

    @inlinable @inline(__always)
    public static var noDecay: DecayFactorQ62 { .one }

    /// In integers, so that single linkage compares the same numbers on every target: the roots
    /// and the quotient in Q39.24 (the result, below 2^29, converts to `Double` exactly).
    @inlinable public static func correlationDistance(product: Fixed64, squaresI: Fixed64, squaresJ: Fixed64) -> Double {
        let denominator = squaresI.squareRoot() * squaresJ.squareRoot()
        let distance: Fixed64
        if denominator == .zero {
            // 1 - C / 1e-100: 1 when C is 0, clamped to 0 when it is positive.
            distance = product == .zero ? .one : product > .zero ? .zero : .max
        } else {
            distance = .one - product / denominator
        }
        return distance < .zero ? 0 : distance.doubleValue
    }
}

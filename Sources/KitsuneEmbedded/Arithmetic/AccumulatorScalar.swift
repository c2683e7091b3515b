/// The arithmetic AfterImage and the feature mapper keep their running statistics in: a number
/// type of `FixedPoint`, and how the engine uses it.
///
/// This is the engine's policy, not the number's: the damped-statistics form, the unit packet
/// sizes are counted in, how decay factors are made from integer timestamps, how the feature
/// mapper's distance is computed. Each conformance says why it chose what it chose.
public protocol AccumulatorScalar: ScalarFunctions {
    /// How AfterImage keeps its damped statistics in this arithmetic.
    static var dampedStatisticsForm: DampedStatisticsForm { get }

    /// A packet size of `bytes` in this type's unit for sizes, 2^`packetSizeUnitBits` bytes.
    /// (A `UInt32`, as pcap records it: on a 32-bit router an `Int` would not hold every length.)
    init(packetSize bytes: UInt32)
    /// Sizes are kept in units of 2^this bytes: 0 (bytes) where the range allows.
    static var packetSizeUnitBits: Int { get }

    /// The seconds between two timestamps in nanoseconds since the epoch, `later - earlier`,
    /// computed the way this arithmetic's mode requires (see `Double.seconds(from:to:)`).
    static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> Self

    /// The type of the damped statistics' decay factors: this type in floating point; where
    /// this type's steps are too coarse for a factor just below 1 (fixed point), a finer one.
    associatedtype DecayFactor = Self
    /// The decay factor `2^(-λ·Δt)` from one timestamp (nanoseconds) to a later one.
    static func decayFactor(negatedLambda: Self, fromNanoseconds earlier: Int64, toNanoseconds later: Int64)
        -> DecayFactor
    /// The decay factors of `count` rates at once, `factors[k] = decayFactor(negatedLambdas[k], ...)`:
    /// the same values, computed together where the arithmetic can (float64's portable functions,
    /// two rates at a time).
    static func decayFactors(negatedLambdas: UnsafePointer<Self>, count: Int, fromNanoseconds earlier: Int64,
                             toNanoseconds later: Int64, into factors: UnsafeMutablePointer<DecayFactor>)
    /// `x` decayed by `factor`.
    static func decayed(_ x: Self, by factor: DecayFactor) -> Self
    /// `values[k] = decayed(values[k], by: factors[k])` for k < count: a stream's statistics,
    /// every λ at once.
    static func decay(_ values: UnsafeMutablePointer<Self>, count: Int, by factors: UnsafePointer<DecayFactor>)
    /// The factor 1.
    static var noDecay: DecayFactor { get }

    /// `values[k] += scale · vector[k]` for k < count: a row of the feature mapper's running
    /// products of residuals.
    static func addProducts(_ values: UnsafeMutablePointer<Self>, count: Int, scale: Self, times vector: UnsafePointer<Self>)

    /// The feature mapper's correlation distance `1 - C / (√a · √b)` from its running sums,
    /// a zero denominator replaced by 1e-100 and negatives clamped to 0 (as the reference).
    static func correlationDistance(product: Self, squaresI: Self, squaresJ: Self) -> Double
}

extension AccumulatorScalar {
    @inlinable @inline(__always)
    public init(packetSize bytes: UInt32) { self.init(Double(bytes)) }  // exact: 32 bits fit 53

    @inlinable @inline(__always)
    public static var packetSizeUnitBits: Int { 0 }

    /// In `Double`, as the reference.
    @inlinable
    public static func correlationDistance(product: Self, squaresI: Self, squaresJ: Self) -> Double {
        var denominator = squaresI.doubleValue.squareRoot() * squaresJ.doubleValue.squareRoot()
        if denominator == 0 { denominator = 1e-100 }
        let d = 1 - product.doubleValue / denominator
        return d < 0 ? 0 : d
    }
}

extension AccumulatorScalar {
    @inlinable @inline(__always)
    public static func addProducts(_ values: UnsafeMutablePointer<Self>, count: Int, scale: Self,
                                   times vector: UnsafePointer<Self>) {
        for k in 0..<count { values[k] += scale * vector[k] }
    }

    @inlinable @inline(__always)
    public static func decay(_ values: UnsafeMutablePointer<Self>, count: Int, by factors: UnsafePointer<DecayFactor>) {
        for index in 0..<count { values[index] = decayed(values[index], by: factors[index]) }
    }

    @inlinable @inline(__always)
    public static func decayFactors(negatedLambdas: UnsafePointer<Self>, count: Int, fromNanoseconds earlier: Int64,
                                    toNanoseconds later: Int64, into factors: UnsafeMutablePointer<DecayFactor>) {
        for k in 0..<count {
            factors[k] = decayFactor(negatedLambda: negatedLambdas[k], fromNanoseconds: earlier, toNanoseconds: later)
        }
    }
}

extension AccumulatorScalar where DecayFactor == Self {
    /// `2^(-λ · seconds)`, as the reference computes it.
    @inlinable @inline(__always)
    public static func decayFactor(negatedLambda: Self, fromNanoseconds earlier: Int64, toNanoseconds later: Int64)
        -> Self {
        powerOfTwo(negatedLambda * seconds(fromNanoseconds: earlier, toNanoseconds: later))
    }

    @inlinable @inline(__always)
    public static func decayed(_ x: Self, by factor: Self) -> Self { x * factor }

    @inlinable @inline(__always)
    public static var noDecay: Self { .one }
}

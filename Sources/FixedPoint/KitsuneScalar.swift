/// The arithmetic the Kitsune engine is written in.
///
/// The engine (AfterImage and KitNET) is generic over this protocol and uses nothing else, so
/// that one source serves three number systems:
/// - `Double`: the reference-check mode, reproducing the Python reference to about 1e-9;
/// - `Float`: the default on routers;
/// - Q16.16 fixed point: integer-only, the same bits on every architecture.
///
/// The surface is deliberately small: the four operations, comparison, square root, the
/// powers of two that damp the statistics, the logistic function of the autoencoders, and a
/// way to turn a difference of integer timestamps into seconds. Time itself stays an integer
/// (nanoseconds since the epoch): a `Float` epoch would have a resolution of minutes.
public protocol KitsuneScalar: Comparable {
    /// The type AfterImage keeps its statistics in when the engine runs in this arithmetic.
    ///
    /// A damped variance is a small difference of large sums, and KitNET normalises every
    /// feature by its observed range, so a feature's rounding noise becomes its signal: float32
    /// sums would make different noise than the reference's float64 sums and change the scores
    /// (a Spearman correlation of 0.945 with the reference instead of 0.9999 on dev.pcap).
    /// Float32 therefore keeps AfterImage's sums in float64 and runs KitNET in float32.
    associatedtype Accumulator: KitsuneScalar
    /// The nearest value of this type to an accumulated one.
    init(narrowing value: Accumulator)
    /// The nearest value to `value / 2^droppingBits`: a feature column narrowed into a type
    /// whose range cannot hold its unit (Q16 ends at 32767; a variance of packet sizes reaches
    /// 5.7e5). KitNET normalises every column by its observed range, and correlation is free of
    /// scale, so the scale changes nothing they compute; a type with the range keeps the unit.
    init(narrowing value: Accumulator, droppingBits: Int)
    /// This value, exactly, in the accumulator type (for the feature mapper's running sums).
    var widened: Accumulator { get }

    /// How a model file stores values of this type: a tag naming the arithmetic, the bytes per
    /// value, and the bits (the IEEE bit pattern, or a fixed-point raw integer), little-endian.
    static var modelTag: UInt8 { get }
    static var storedByteCount: Int { get }
    var storedBits: UInt64 { get }
    init(storedBits: UInt64)

    /// How AfterImage should keep its damped statistics in this arithmetic.
    static var dampedStatisticsForm: DampedStatisticsForm { get }

    /// Converts a constant (a learning rate, a decay rate) at configuration time.
    init(_ value: Double)
    /// Converts an integer (a count): nothing per packet goes through `Double`.
    init(integer: Int)
    /// A packet size of `bytes` in this type's unit for sizes, 2^`packetSizeUnitBits` bytes.
    init(packetSize bytes: Int)
    /// Sizes are kept in units of 2^this bytes: 0 (bytes) where the range allows; the fixed-point
    /// accumulator keeps 256-byte units, so that a damped `w·var` of sizes stays far inside its
    /// range at any packet rate (docs/fixed-point.md).
    static var packetSizeUnitBits: Int { get }
    /// The nearest `Double`, for output and for comparison with the reference.
    var doubleValue: Double { get }

    static var zero: Self { get }
    static var one: Self { get }

    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self

    /// `x²` as the reference computes it (`math.pow(x, 2)` in float64 mode: where a variance
    /// is the difference of two nearly equal numbers, even the last bit of a square shows).
    static func square(_ x: Self) -> Self

    /// The absolute value.
    var magnitude: Self { get }
    func squareRoot() -> Self

    /// 2 to the power `exponent` (the decay factor `2^(-λ·Δt)` in floating point).
    static func powerOfTwo(_ exponent: Self) -> Self

    /// The type of the damped statistics' decay factors: this type in floating point; where
    /// this type's steps are too coarse for a factor just below 1 (fixed point), a finer one.
    associatedtype DecayFactor = Self
    /// The decay factor `2^(-λ·Δt)` from one timestamp (nanoseconds) to a later one.
    static func decayFactor(negatedLambda: Self, fromNanoseconds earlier: Int64, toNanoseconds later: Int64)
        -> DecayFactor
    /// `x` decayed by `factor`.
    static func decayed(_ x: Self, by factor: DecayFactor) -> Self
    /// The factor 1.
    static var noDecay: DecayFactor { get }
    /// `1 / (1 + e^(-x))`, the activation of the autoencoders.
    static func logistic(_ x: Self) -> Self

    /// KitNET's normalised input `(x - min) / (max - min + ε)` (the reference's `dA`).
    static func normalised(_ x: Self, minimum: Self, maximum: Self, epsilon: Self) -> Self

    /// `sums[j] = Σ_i vector[i] · matrix[i·columns + j]` for j < columns, i < rows: an
    /// autoencoder's layer. `transposed` holds the same matrix transposed (`[j·rows + i]`).
    static func multiply(_ vector: UnsafePointer<Self>, rows: Int, by matrix: UnsafePointer<Self>,
                         transposed: UnsafePointer<Self>, columns: Int, into sums: UnsafeMutablePointer<Self>)

    /// The feature mapper's correlation distance `1 - C / (√a · √b)` from its running sums,
    /// a zero denominator replaced by 1e-100 and negatives clamped to 0 (as the reference).
    static func correlationDistance(product: Self, squaresI: Self, squaresJ: Self) -> Double

    /// The seconds between two timestamps in nanoseconds since the epoch, `later - earlier`,
    /// computed the way this arithmetic's mode requires (see `Double.seconds(from:to:)`).
    static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> Self
}

extension KitsuneScalar {
    @inline(__always)
    public init(packetSize bytes: Int) { self.init(integer: bytes) }

    @inline(__always)
    public static var packetSizeUnitBits: Int { 0 }

    /// Floating point has the range for every feature's unit: the scale is not applied.
    @inline(__always)
    public init(narrowing value: Accumulator, droppingBits: Int) { self.init(narrowing: value) }

    @inline(__always)
    public static func normalised(_ x: Self, minimum: Self, maximum: Self, epsilon: Self) -> Self {
        (x - minimum) / (maximum - minimum + epsilon)
    }

    /// Floating point adds each rounded product in the order of `i`, as the reference's column
    /// walk does, but runs along the matrix's rows so that it reads memory in order and
    /// vectorises over `j`.
    @inline(__always)
    public static func multiply(_ vector: UnsafePointer<Self>, rows: Int, by matrix: UnsafePointer<Self>,
                                transposed: UnsafePointer<Self>, columns: Int, into sums: UnsafeMutablePointer<Self>) {
        for j in 0..<columns { sums[j] = .zero }
        for i in 0..<rows {
            let value = vector[i]
            let row = matrix + i * columns
            for j in 0..<columns { sums[j] += value * row[j] }
        }
    }

    /// In `Double`, as the reference.
    public static func correlationDistance(product: Self, squaresI: Self, squaresJ: Self) -> Double {
        var denominator = squaresI.doubleValue.squareRoot() * squaresJ.doubleValue.squareRoot()
        if denominator == 0 { denominator = 1e-100 }
        let d = 1 - product.doubleValue / denominator
        return d < 0 ? 0 : d
    }

    @inline(__always)
    public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
    @inline(__always)
    public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
    @inline(__always)
    public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
}

extension KitsuneScalar where DecayFactor == Self {
    /// `2^(-λ · seconds)`, as the reference computes it.
    @inline(__always)
    public static func decayFactor(negatedLambda: Self, fromNanoseconds earlier: Int64, toNanoseconds later: Int64)
        -> Self {
        powerOfTwo(negatedLambda * seconds(fromNanoseconds: earlier, toNanoseconds: later))
    }

    @inline(__always)
    public static func decayed(_ x: Self, by factor: Self) -> Self { x * factor }

    @inline(__always)
    public static var noDecay: Self { .one }
}

/// Two equivalent ways to keep a damped stream's statistics.
public enum DampedStatisticsForm: Sendable {
    /// The reference's sums: `CF1 = Σ v`, `CF2 = Σ v²`, `w`, each damped; `var = |CF2/w - mean²|`.
    /// Reproduces the reference bit for bit in float64, including the rounding noise of that
    /// difference when the variance is small next to the mean (packets of one size).
    case referenceSums
    /// The centred form: `mean`, `M2 = w·var` and `w`, updated as West's weighted Welford
    /// algorithm (`w += 1; δ = v - mean; mean += δ/w; M2 += δ·(v - mean)`), with only `M2` and
    /// `w` damped. The same mathematics, but no cancellation: a variance stays accurate in
    /// float32, and no quantity grows with the square of packet sizes (fixed point).
    case centred
}

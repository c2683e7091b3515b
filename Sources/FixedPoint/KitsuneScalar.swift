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
    /// Converts a constant or an input value (a packet size, a learning rate).
    init(_ value: Double)
    /// The nearest `Double`, for output and for comparison with the reference.
    var doubleValue: Double { get }

    static var zero: Self { get }
    static var one: Self { get }

    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self

    /// The absolute value.
    var magnitude: Self { get }
    func squareRoot() -> Self

    /// 2 to the power `exponent`, the decay factor `2^(-λ·Δt)` of the damped statistics.
    static func powerOfTwo(_ exponent: Self) -> Self
    /// `1 / (1 + e^(-x))`, the activation of the autoencoders.
    static func logistic(_ x: Self) -> Self

    /// The seconds between two timestamps in nanoseconds since the epoch, `later - earlier`,
    /// computed the way this arithmetic's mode requires (see `Double.seconds(from:to:)`).
    static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> Self
}

extension KitsuneScalar {
    @inline(__always)
    public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
    @inline(__always)
    public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
    @inline(__always)
    public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
}

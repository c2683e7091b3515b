/// The arithmetic every number type of this module shares, and the first layer of its protocols
/// (after swift-numerics' `AlgebraicField` and `ElementaryFunctions`):
///
/// - `ScalarArithmetic`: the four operations, negation, magnitude, order, and conversions;
/// - `ScalarFunctions`: square root, square and powers of two;
/// - `LogisticFunction`: the logistic function.
///
/// `Float` and `Double` conform with the platform's operations, `PortableDouble` with functions
/// that give the same bits on every target, and the fixed-point types (`Q16`, `Fixed64`) with
/// integer arithmetic that rounds to nearest and saturates (see `Saturations`). Nothing here
/// knows what the numbers are used for.
public protocol ScalarArithmetic: Comparable, Sendable {
    static var zero: Self { get }
    static var one: Self { get }

    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self

    /// The absolute value.
    var magnitude: Self { get }

    /// The nearest value to a constant (fixed point: saturating, NaN gives 0). For
    /// configuration: a fixed-point computation converts nothing from floating point per item.
    init(_ value: Double)
    /// The nearest value to an integer (fixed point: saturating).
    init(integer: Int)
    /// The nearest `Double` (exact for the fixed-point types within their documented range).
    var doubleValue: Double { get }
}

extension ScalarArithmetic {
    @inlinable @inline(__always)
    public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
    @inlinable @inline(__always)
    public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
    @inlinable @inline(__always)
    public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
}

/// Square root, square and powers of two.
public protocol ScalarFunctions: ScalarArithmetic {
    /// √x; fixed point gives 0 for a negative x (counted as a saturation).
    func squareRoot() -> Self
    /// x². `Double` computes it with the C library's `pow(x, 2)`, not `x * x`: both are within
    /// an ulp, but a computation written with `pow` is reproduced only with `pow`.
    static func square(_ x: Self) -> Self
    /// 2^exponent. `Double` calls the C library's `pow(2, x)`, for the same reason.
    static func powerOfTwo(_ exponent: Self) -> Self
}

/// The logistic function σ(x) = 1 / (1 + e^(-x)).
public protocol LogisticFunction: ScalarFunctions {
    static func logistic(_ x: Self) -> Self
}

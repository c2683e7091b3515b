/// `Double` with the C library's functions: on a host, the very functions NumPy and Python's
/// `math` call, so that a computation written with them is reproduced to the last bit.
extension Double: LogisticFunction {
    @inlinable @inline(__always)
    public static var one: Double { 1 }

    @inlinable @inline(__always)
    public init(integer: Int) { self.init(integer) }

    @inlinable @inline(__always)
    public var doubleValue: Double { self }

    /// `pow(2, x)`, what Python's `math.pow(2, x)` calls.
    @inlinable @inline(__always)
    public static func powerOfTwo(_ exponent: Double) -> Double { c_pow(unfoldedTwo(), exponent) }

    /// `pow(x, 2)`, which Python's `math.pow` and `** 2` call.
    @inlinable @inline(__always)
    public static func square(_ x: Double) -> Double { c_pow(x, unfoldedTwo()) }

    /// `1 / (1 + exp(-x))`, as NumPy evaluates it.
    @inlinable @inline(__always)
    public static func logistic(_ x: Double) -> Double { 1 / (1 + c_exp(-x)) }
}

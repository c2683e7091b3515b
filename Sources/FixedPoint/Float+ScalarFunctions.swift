/// `Float` with functions that give the same bits on every target (`PortableMath`): a router's
/// musl and a host's glibc round some results of `exp` differently.
extension Float: LogisticFunction {
    @inlinable @inline(__always)
    public static var one: Float { 1 }

    @inlinable @inline(__always)
    public init(integer: Int) { self.init(integer) }

    @inlinable @inline(__always)
    public var doubleValue: Double { Double(self) }

    @inlinable @inline(__always)
    public static func powerOfTwo(_ exponent: Float) -> Float { Float(PortableMath.exp2(Double(exponent))) }

    @inlinable @inline(__always)
    public static func square(_ x: Float) -> Float { x * x }

    /// The vectorised logistic's lane (`Float+VectorLogistic.swift`): one unit alone gets the
    /// bits it gets among eight.
    @inlinable @inline(__always)
    public static func logistic(_ x: Float) -> Float { logistic(SIMD8(repeating: x))[0] }
}

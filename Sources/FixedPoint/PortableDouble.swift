/// A float64 whose elementary functions are `PortableMath`'s: the same bits on every target.
///
/// A computation that must give the same results on a host (glibc) and a router (musl) runs in
/// this type: the C libraries round some results of `pow` and `exp` differently. `Double` keeps
/// the C library's functions, for computations that must match what it computes.
public struct PortableDouble: LogisticFunction {
    public var value: Double

    @inlinable @inline(__always)
    public init(_ value: Double) { self.value = value }

    @inlinable @inline(__always)
    public var doubleValue: Double { value }

    @inlinable @inline(__always)
    public init(integer: Int) { value = Double(integer) }

    @inlinable @inline(__always)
    public static var zero: PortableDouble { PortableDouble(0) }
    @inlinable @inline(__always)
    public static var one: PortableDouble { PortableDouble(1) }

    @inlinable @inline(__always)
    public static func + (lhs: PortableDouble, rhs: PortableDouble) -> PortableDouble { PortableDouble(lhs.value + rhs.value) }
    @inlinable @inline(__always)
    public static func - (lhs: PortableDouble, rhs: PortableDouble) -> PortableDouble { PortableDouble(lhs.value - rhs.value) }
    @inlinable @inline(__always)
    public static func * (lhs: PortableDouble, rhs: PortableDouble) -> PortableDouble { PortableDouble(lhs.value * rhs.value) }
    @inlinable @inline(__always)
    public static func / (lhs: PortableDouble, rhs: PortableDouble) -> PortableDouble { PortableDouble(lhs.value / rhs.value) }
    @inlinable @inline(__always)
    public static prefix func - (operand: PortableDouble) -> PortableDouble { PortableDouble(-operand.value) }
    @inlinable @inline(__always)
    public static func < (lhs: PortableDouble, rhs: PortableDouble) -> Bool { lhs.value < rhs.value }

    @inlinable @inline(__always)
    public var magnitude: PortableDouble { PortableDouble(value.magnitude) }
    @inlinable @inline(__always)
    public func squareRoot() -> PortableDouble { PortableDouble(value.squareRoot()) }
    @inlinable @inline(__always)
    public static func square(_ x: PortableDouble) -> PortableDouble { PortableDouble(x.value * x.value) }
    @inlinable @inline(__always)
    public static func powerOfTwo(_ exponent: PortableDouble) -> PortableDouble {
        PortableDouble(PortableMath.exp2(exponent.value))
    }
    @inlinable @inline(__always)
    public static func logistic(_ x: PortableDouble) -> PortableDouble {
        PortableDouble(1 / (1 + PortableMath.exp2(-x.value * 1.4426950408889634)))
    }
}

/// A float64 whose elementary functions are `PortableMath`'s: the same bits on every target.
///
/// The float32 engine keeps AfterImage's sums in float64 (see `KitsuneScalar.Accumulator`);
/// in this type, so that a router's float32 scores equal the host's. The float64 mode itself
/// uses `Double`, whose `pow` is the C library's: on the host, the very function the Python
/// reference called.
public struct PortableDouble: KitsuneScalar, Sendable {
    public var value: Double

    @inline(__always)
    public init(_ value: Double) { self.value = value }

    public typealias Accumulator = PortableDouble

    @inline(__always)
    public init(narrowing value: PortableDouble) { self = value }

    @inline(__always)
    public var doubleValue: Double { value }

    @inline(__always)
    public init(integer: Int) { value = Double(integer) }

    @inline(__always)
    public var widened: PortableDouble { self }

    public static var modelTag: UInt8 { 4 }
    public static var storedByteCount: Int { 8 }
    public var storedBits: UInt64 { value.bitPattern }
    public init(storedBits: UInt64) { value = Double(bitPattern: storedBits) }

    @inline(__always)
    public static var dampedStatisticsForm: DampedStatisticsForm { .referenceSums }

    @inline(__always)
    public static var zero: PortableDouble { PortableDouble(0) }
    @inline(__always)
    public static var one: PortableDouble { PortableDouble(1) }

    @inline(__always)
    public static func + (lhs: PortableDouble, rhs: PortableDouble) -> PortableDouble { PortableDouble(lhs.value + rhs.value) }
    @inline(__always)
    public static func - (lhs: PortableDouble, rhs: PortableDouble) -> PortableDouble { PortableDouble(lhs.value - rhs.value) }
    @inline(__always)
    public static func * (lhs: PortableDouble, rhs: PortableDouble) -> PortableDouble { PortableDouble(lhs.value * rhs.value) }
    @inline(__always)
    public static func / (lhs: PortableDouble, rhs: PortableDouble) -> PortableDouble { PortableDouble(lhs.value / rhs.value) }
    @inline(__always)
    public static prefix func - (operand: PortableDouble) -> PortableDouble { PortableDouble(-operand.value) }
    @inline(__always)
    public static func < (lhs: PortableDouble, rhs: PortableDouble) -> Bool { lhs.value < rhs.value }

    @inline(__always)
    public var magnitude: PortableDouble { PortableDouble(value.magnitude) }
    @inline(__always)
    public func squareRoot() -> PortableDouble { PortableDouble(value.squareRoot()) }
    @inline(__always)
    public static func square(_ x: PortableDouble) -> PortableDouble { PortableDouble(x.value * x.value) }
    @inline(__always)
    public static func powerOfTwo(_ exponent: PortableDouble) -> PortableDouble {
        PortableDouble(PortableMath.exp2(exponent.value))
    }
    @inline(__always)
    public static func logistic(_ x: PortableDouble) -> PortableDouble {
        PortableDouble(1 / (1 + PortableMath.exp2(-x.value * 1.4426950408889634)))
    }
    @inline(__always)
    public static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> PortableDouble {
        PortableDouble(Double.seconds(fromNanoseconds: earlier, toNanoseconds: later))
    }
}

extension Float: KitsuneScalar {
    /// See `KitsuneScalar.Accumulator`: AfterImage's sums stay float64, with functions that give
    /// the same bits on every target.
    public typealias Accumulator = PortableDouble

    @inline(__always)
    public init(narrowing value: PortableDouble) { self.init(value.value) }

    @inline(__always)
    public var doubleValue: Double { Double(self) }

    @inline(__always)
    public init(integer: Int) { self.init(integer) }

    @inline(__always)
    public var widened: PortableDouble { PortableDouble(Double(self)) }

    public static var modelTag: UInt8 { 1 }
    public static var storedByteCount: Int { 4 }
    public var storedBits: UInt64 { UInt64(bitPattern) }
    public init(storedBits: UInt64) { self.init(bitPattern: UInt32(truncatingIfNeeded: storedBits)) }

    @inline(__always)
    public static var one: Float { 1 }

    /// In float32 the reference's `CF2/w - mean²` loses every digit of a small variance
    /// (1e-7 of a 1500-byte mean squared is 0.2 byte²), so an AfterImage<Float> uses the
    /// centred form. (The engine's float32 mode keeps AfterImage in float64: `Accumulator`.)
    @inline(__always)
    public static var dampedStatisticsForm: DampedStatisticsForm { .centred }

    @inline(__always)
    public static func powerOfTwo(_ exponent: Float) -> Float { Float(PortableMath.exp2(Double(exponent))) }

    @inline(__always)
    public static func square(_ x: Float) -> Float { x * x }

    @inline(__always)
    public static func logistic(_ x: Float) -> Float { 1 / (1 + PortableMath.exp(-x)) }

    /// The integer difference, exact, turned into seconds once: a Float32 epoch would have a
    /// resolution of two minutes, a Float32 difference keeps 24 significant bits.
    @inline(__always)
    public static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> Float {
        let (difference, overflow) = later.subtractingReportingOverflow(earlier)
        // Timestamps centuries apart (a crafted capture) do not fit a 64-bit difference.
        return overflow ? Float((Double(later) - Double(earlier)) * 1e-9) : Float(Double(difference) * 1e-9)
    }
}

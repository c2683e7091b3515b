/// A Q39.24 fixed-point number: a 64-bit two's complement integer counting 2^-24ths, so values
/// within ±5.5e11 with a resolution of 6e-8. It is the accumulator of the Q16 engine: AfterImage's
/// damped statistics (weights up to 1e8, `M2 = w·var` of packet sizes up to 1e11) and the feature
/// mapper's running sums live here, and only the features KitNET sees are narrowed to Q16.
///
/// Like `Q16`, every operation rounds to nearest and saturates instead of wrapping or trapping,
/// and each saturation is counted (`Saturations`) under its kind. No floating point is used
/// except to convert constants (`init(_: Double)`) and for output (`doubleValue`).
public struct Fixed64: Equatable, Comparable, Sendable {
    /// The value times 2^24.
    public var raw: Int64

    // Computed, not stored: a stored `static let` is read through an accessor call from other
    // modules, and these are read in every hot loop of AfterImage in Q16 mode.
    @inlinable public static var fractionBits: Int { 24 }
    @inlinable public static var one: Fixed64 { Fixed64(raw: 1 << 24) }
    @inlinable public static var zero: Fixed64 { Fixed64(raw: 0) }
    @inlinable public static var max: Fixed64 { Fixed64(raw: .max) }
    @inlinable public static var min: Fixed64 { Fixed64(raw: .min) }

    @inlinable @inline(__always)
    public init(raw: Int64) { self.raw = raw }

    /// An integer, saturating beyond ±2^39.
    @inline(__always)
    @inlinable public init(integer: Int) {
        let wide = Int64(integer)
        if wide >= 1 << 39 {
            Saturations.record(.conversion)
            raw = .max
        } else if wide < -(1 << 39) {
            Saturations.record(.conversion)
            raw = .min
        } else {
            raw = wide << 24
        }
    }

    /// A Q16 value, exactly.
    @inline(__always)
    @inlinable public init(_ value: Q16) { raw = Int64(value.raw) << 8 }

    @inlinable @inline(__always)
    public static func < (lhs: Fixed64, rhs: Fixed64) -> Bool { lhs.raw < rhs.raw }
}

extension Fixed64 {
    /// The nearest value (ties away from zero), saturating; NaN gives 0. For constants and
    /// configuration only: nothing per packet converts from floating point.
    @inlinable public init(_ value: Double) {
        guard !value.isNaN else {
            self = .zero
            return
        }
        let scaled = (value * 16_777_216).rounded(.toNearestOrAwayFromZero)
        // 2^63 is exactly representable; Int64.max is not.
        if scaled >= 9_223_372_036_854_775_808 {
            Saturations.record(.conversion)
            raw = .max
        } else if scaled < -9_223_372_036_854_775_808 {
            Saturations.record(.conversion)
            raw = .min
        } else {
            raw = Int64(scaled)
        }
    }

    /// The nearest `Double` (exact below 2^29 in magnitude).
    @inline(__always)
    @inlinable public var doubleValue: Double { Double(raw) / 16_777_216 }

    /// The nearest Q16 to `self / 2^shift` (a negative shift multiplies), rounded to nearest
    /// (ties toward +∞), saturating (counted as a conversion).
    @inlinable @inline(__always)
    public func narrowed(droppingBits shift: Int) -> Q16 {
        let bits = 8 + shift
        guard bits > 0 else {
            // Exact, unless it leaves the range: anything beyond 2^31 after the shift saturates.
            let limit = Int64(1) << (31 + bits)
            return Q16(saturating: raw >= limit ? Int64.max : raw < -limit ? Int64.min : raw << -bits, kind: .conversion)
        }
        let (rounded, overflow) = raw.addingReportingOverflow(Int64(1) << (bits - 1))
        if overflow { return Q16(saturating: Int64.max, kind: .conversion) }
        return Q16(saturating: rounded >> bits, kind: .conversion)
    }
}

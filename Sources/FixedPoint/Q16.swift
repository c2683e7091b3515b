/// A Q16.16 fixed-point number: a 32-bit two's complement integer counting 1/65536ths, so
/// values from -32768 to 32767.99998 with a resolution of 1.5e-5, the same bits on every
/// architecture and no floating point.
///
/// Every operation rounds to nearest and saturates instead of wrapping or trapping: a result
/// beyond the range becomes `max` or `min`, and the event is counted (`Saturations`) so that an
/// overflow is visible, never silent. See `Q16+Arithmetic.swift` for each operation's
/// rounding and `Q16+Functions.swift` for the elementary functions and their error bounds.
public struct Q16: Equatable, Comparable, Sendable {
    /// The value times 65536.
    public var raw: Int32

    // Computed, not stored: a stored `static let` is read through an accessor call from other
    // modules, and these are read in every hot loop of the Q16 engine.
    @inlinable public static var fractionBits: Int { 16 }
    @inlinable public static var one: Q16 { Q16(raw: 1 << 16) }
    @inlinable public static var zero: Q16 { Q16(raw: 0) }
    @inlinable public static var max: Q16 { Q16(raw: .max) }
    @inlinable public static var min: Q16 { Q16(raw: .min) }
    /// The smallest positive value, 2^-16.
    @inlinable public static var resolution: Q16 { Q16(raw: 1) }

    @inlinable @inline(__always)
    public init(raw: Int32) { self.raw = raw }

    /// The nearest Q16 to a wider raw value (in 1/65536ths), saturating (counted under `kind`).
    @inlinable @inline(__always)
    public init(saturating wide: Int64, kind: SaturationKind) {
        if wide > Int64(Int32.max) {
            Saturations.record(kind)
            raw = .max
        } else if wide < Int64(Int32.min) {
            Saturations.record(kind)
            raw = .min
        } else {
            raw = Int32(truncatingIfNeeded: wide)
        }
    }

    /// An integer, saturating (counted as a conversion).
    @inline(__always)
    @inlinable public init(integer: Int) {
        let clamped = Swift.max(Swift.min(integer, 32768), -32769)
        self.init(saturating: Int64(clamped) << 16, kind: .conversion)
    }

    @inline(__always)
    @inlinable public static func < (lhs: Q16, rhs: Q16) -> Bool { lhs.raw < rhs.raw }
}

/// A Q16.16 fixed-point number: a 32-bit two's complement integer counting 1/65536ths, so
/// values from -32768 to 32767.99998 with a resolution of 1.5e-5, the same bits on every
/// architecture and no floating point.
///
/// Every operation rounds to nearest and saturates instead of wrapping or trapping: a result
/// beyond the range becomes `max` or `min`, and the event is counted in `Q16.saturations` so
/// that an overflow is visible, never silent. See `Q16+Arithmetic.swift` for each operation's
/// rounding and `Q16+Functions.swift` for the elementary functions and their error bounds.
public struct Q16: Equatable, Comparable, Sendable {
    /// The value times 65536.
    public var raw: Int32

    public static let fractionBits = 16
    public static let one = Q16(raw: 1 << 16)
    public static let zero = Q16(raw: 0)
    public static let max = Q16(raw: .max)
    public static let min = Q16(raw: .min)
    /// The smallest positive value, 2^-16.
    public static let resolution = Q16(raw: 1)

    @inlinable @inline(__always)
    public init(raw: Int32) { self.raw = raw }

    /// The nearest Q16 to a wider raw value (in 1/65536ths), saturating.
    @inlinable @inline(__always)
    init(saturating wide: Int64, kind: Q16.SaturationKind) {
        if wide > Int64(Int32.max) {
            Q16.count(kind)
            raw = .max
        } else if wide < Int64(Int32.min) {
            Q16.count(kind)
            raw = .min
        } else {
            raw = Int32(truncatingIfNeeded: wide)
        }
    }

    /// An integer, saturating (counted as a conversion).
    @inline(__always)
    public init(integer: Int) {
        let clamped = Swift.max(Swift.min(integer, 32768), -32769)
        self.init(saturating: Int64(clamped) << 16, kind: .conversion)
    }

    @inline(__always)
    public static func < (lhs: Q16, rhs: Q16) -> Bool { lhs.raw < rhs.raw }
}

extension Q16 {
    /// What saturated: an operation's exact result was beyond the range.
    public enum SaturationKind: Int, CaseIterable, Sendable {
        case addition = 0, multiplication, division, conversion, function
        /// A normalised KitNET input beyond ±32 times its training range, limited to ±32.
        case normalisedInput
    }

    /// Saturation events since the start of the program (or the last `resetSaturations`), by kind.
    public static var saturations: [Int64] {
        [saturationCounts.0, saturationCounts.1, saturationCounts.2, saturationCounts.3, saturationCounts.4,
         saturationCounts.5]
    }

    public static func resetSaturations() { saturationCounts = (0, 0, 0, 0, 0, 0) }

    // One engine runs per process, on one thread; the counters are for its summary.
    nonisolated(unsafe) static var saturationCounts: (Int64, Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0, 0)

    @usableFromInline @inline(never)
    static func count(_ kind: SaturationKind) {
        switch kind {
        case .addition: saturationCounts.0 &+= 1
        case .multiplication: saturationCounts.1 &+= 1
        case .division: saturationCounts.2 &+= 1
        case .conversion: saturationCounts.3 &+= 1
        case .function: saturationCounts.4 &+= 1
        case .normalisedInput: saturationCounts.5 &+= 1
        }
    }
}

extension Q16 {
    /// Exact when in range; saturates.
    @inline(__always)
    @inlinable public static func + (lhs: Q16, rhs: Q16) -> Q16 {
        Q16(saturating: Int64(lhs.raw) + Int64(rhs.raw), kind: .addition)
    }

    /// Exact when in range; saturates.
    @inline(__always)
    @inlinable public static func - (lhs: Q16, rhs: Q16) -> Q16 {
        Q16(saturating: Int64(lhs.raw) - Int64(rhs.raw), kind: .addition)
    }

    /// Exact; `-min` saturates to `max`.
    @inline(__always)
    @inlinable public static prefix func - (operand: Q16) -> Q16 {
        Q16(saturating: -Int64(operand.raw), kind: .addition)
    }

    /// The exact 64-bit product rounded to nearest (ties toward +∞); saturates.
    @inline(__always)
    @inlinable public static func * (lhs: Q16, rhs: Q16) -> Q16 {
        Q16(roundingProduct: lhs.raw.fullWidthProduct(rhs.raw))
    }

    /// An exact product of raw values, or a sum of them (in 2^-32ths), rounded to nearest (ties
    /// toward +∞) into raw Q16 units, unchecked: the one rounding of every Q16 product.
    @inline(__always)
    @inlinable public static func roundedRaw(product wide: Int64) -> Int64 { (wide &+ (1 << 15)) &>> 16 }

    /// The nearest Q16 to an exact product of raw values, or a sum of them; saturates (counted
    /// as a multiplication).
    @inline(__always)
    @inlinable public init(roundingProduct wide: Int64) {
        self.init(saturating: Q16.roundedRaw(product: wide), kind: .multiplication)
    }

    /// The quotient rounded to nearest (ties away from zero); saturates. Dividing by zero gives
    /// `max` or `min` by the dividend's sign (counted), and 0 / 0 gives 0.
    @inline(__always)
    @inlinable public static func / (lhs: Q16, rhs: Q16) -> Q16 {
        guard rhs.raw != 0 else {
            if lhs.raw == 0 { return .zero }
            Saturations.record(.division)
            return lhs.raw > 0 ? .max : .min
        }
        let numerator = Int64(lhs.raw) << 16
        let divisor = Int64(rhs.raw)
        var quotient = numerator / divisor
        let remainder = numerator % divisor
        if 2 * Swift.abs(remainder) >= Swift.abs(divisor) {
            quotient += (numerator < 0) == (divisor < 0) ? 1 : -1
        }
        return Q16(saturating: quotient, kind: .division)
    }

    /// Exact; `|min|` saturates to `max`.
    @inline(__always)
    @inlinable public var magnitude: Q16 { raw < 0 ? -self : self }
}

extension Q16 {
    /// The nearest Q16 (ties away from zero), saturating; NaN gives 0.
    @inlinable public init(_ value: Double) {
        guard !value.isNaN else {
            self = .zero
            return
        }
        let scaled = (value * 65536).rounded(.toNearestOrAwayFromZero)
        if scaled >= 2147483647 {
            if scaled > 2147483647 { Saturations.record(.conversion) }
            raw = .max
        } else if scaled <= -2147483648 {
            if scaled < -2147483648 { Saturations.record(.conversion) }
            raw = .min
        } else {
            raw = Int32(scaled)
        }
    }

    /// Exact.
    @inline(__always)
    @inlinable public var doubleValue: Double { Double(raw) / 65536 }
}

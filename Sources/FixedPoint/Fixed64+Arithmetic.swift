extension Fixed64 {
    /// The nearest value to a raw result known to be `magnitude` with a sign; saturates
    /// beyond the range (counted under `kind`).
    @inlinable @inline(__always)
    init(magnitude: UInt64, negative: Bool, kind: SaturationKind) {
        if negative {
            if magnitude > UInt64(1) << 63 {
                Saturations.record(kind)
                raw = .min
            } else {
                raw = Int64(truncatingIfNeeded: 0 &- magnitude)
            }
        } else if magnitude > UInt64(Int64.max) {
            Saturations.record(kind)
            raw = .max
        } else {
            raw = Int64(magnitude)
        }
    }

    /// Exact when in range; saturates.
    @inlinable @inline(__always)
    public static func + (lhs: Fixed64, rhs: Fixed64) -> Fixed64 {
        let (sum, overflow) = lhs.raw.addingReportingOverflow(rhs.raw)
        guard !overflow else {
            Saturations.record(.addition)
            return rhs.raw > 0 ? .max : .min
        }
        return Fixed64(raw: sum)
    }

    /// Exact when in range; saturates.
    @inlinable @inline(__always)
    public static func - (lhs: Fixed64, rhs: Fixed64) -> Fixed64 {
        let (difference, overflow) = lhs.raw.subtractingReportingOverflow(rhs.raw)
        guard !overflow else {
            Saturations.record(.addition)
            return rhs.raw < 0 ? .max : .min
        }
        return Fixed64(raw: difference)
    }

    /// Exact; `-min` saturates to `max`.
    @inline(__always)
    @inlinable public static prefix func - (operand: Fixed64) -> Fixed64 { .zero - operand }

    /// The exact 128-bit product, rounded to nearest (ties toward +∞) at bit 24; saturates.
    @inlinable @inline(__always)
    public static func * (lhs: Fixed64, rhs: Fixed64) -> Fixed64 {
        let (high, low) = lhs.raw.fullWidthProduct(rhs.raw)
        // Add 2^23 to the 128-bit product, then take bits 24...87.
        let (roundedLow, carry) = low.addingReportingOverflow(1 << 23)
        let roundedHigh = high &+ (carry ? 1 : 0)
        // The result fits 64 bits when the high word is within ±2^23.
        guard roundedHigh >= -(1 << 23) && roundedHigh < (1 << 23) else {
            Saturations.record(.multiplication)
            return high < 0 ? .min : .max
        }
        return Fixed64(raw: (roundedHigh << 40) | Int64(bitPattern: roundedLow >> 24))
    }

    /// The quotient rounded to nearest (ties away from zero), from the exact 128-bit dividend;
    /// saturates. Dividing by zero gives `max` or `min` by the dividend's sign (counted), and
    /// 0 / 0 gives 0. (Not forced inline: a 128-bit division costs far more than a call.)
    @inlinable
    public static func / (lhs: Fixed64, rhs: Fixed64) -> Fixed64 {
        guard rhs.raw != 0 else {
            if lhs.raw == 0 { return .zero }
            Saturations.record(.division)
            return lhs.raw > 0 ? .max : .min
        }
        let negative = (lhs.raw < 0) != (rhs.raw < 0)
        let dividend = lhs.raw.magnitude, divisor = rhs.raw.magnitude
        // dividend · 2^24 / divisor < 2^64 exactly when dividend / 2^40 < divisor.
        guard dividend >> 40 < divisor else {
            Saturations.record(.division)
            return negative ? .min : .max
        }
        let (quotient, remainder) = divisor.fullWidthQuotient((high: dividend >> 40, low: dividend << 24))
        let roundUp = remainder >= divisor - remainder
        let (rounded, overflow) = quotient.addingReportingOverflow(roundUp ? 1 : 0)
        guard !overflow else {
            Saturations.record(.division)
            return negative ? .min : .max
        }
        return Fixed64(magnitude: rounded, negative: negative, kind: .division)
    }

    /// Exact; `|min|` saturates to `max`.
    @inlinable @inline(__always)
    public var magnitude: Fixed64 { raw < 0 ? -self : self }
}

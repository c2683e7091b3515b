import FixedPoint
import KitsuneEmbedded
import Testing

/// The Q16 engine's kernels: KitNET's normaliser, the feature mapper's distance.
struct Q16KernelTests {
    /// The error of `value` from the exact `expected`, in LSB.
    static func lsb(_ value: Q16, _ expected: Double) -> Double { abs(value.doubleValue - expected) * 65536 }

    /// KitNET's normaliser: rounded to nearest within ±32 times the training range, limited
    /// (and counted) beyond it.
    @Test func normalisedInputsAreRoundedAndLimited() {
        var limited: Int64 = 0
        let low = Q16(-2), high = Q16(6)
        #expect(Q16.normalised(Q16(2), minimum: low, maximum: high, epsilon: .zero, limited: &limited) == Q16(0.5))
        #expect(Q16.normalised(Q16(-2), minimum: low, maximum: high, epsilon: .zero, limited: &limited) == .zero)
        var worst = 0.0
        for raw in stride(from: Int32(-300 << 16), to: 300 << 16, by: 4099) {
            let x = Q16(raw: raw)
            let exact = (x.doubleValue + 2) / 8
            guard abs(exact) < 32 else { continue }
            worst = max(worst, Self.lsb(Q16.normalised(x, minimum: low, maximum: high, epsilon: .zero, limited: &limited), exact))
        }
        #expect(worst <= 0.5)
        #expect(limited == 0)
        #expect(Q16.normalised(Q16(300), minimum: low, maximum: high, epsilon: .zero, limited: &limited) == Q16(32))
        #expect(Q16.normalised(Q16(-300), minimum: low, maximum: high, epsilon: .zero, limited: &limited) == Q16(-32))
        // A constant column in training: 0 at its value, the limit elsewhere.
        #expect(Q16.normalised(Q16(1), minimum: Q16(1), maximum: Q16(1), epsilon: .zero, limited: &limited) == .zero)
        #expect(Q16.normalised(Q16(1.5), minimum: Q16(1), maximum: Q16(1), epsilon: .zero, limited: &limited) == Q16(32))
        #expect(limited == 3)
    }

    /// The feature mapper's distance in integers: the correlation of exactly proportional and
    /// of unrelated columns, and the reference's handling of a zero denominator.
    @Test func correlationDistanceInIntegers() {
        #expect(Fixed64.correlationDistance(product: Fixed64(6), squaresI: Fixed64(4), squaresJ: Fixed64(9)) == 0)
        #expect(Fixed64.correlationDistance(product: Fixed64(3), squaresI: Fixed64(4), squaresJ: Fixed64(9)) == 0.5)
        #expect(Fixed64.correlationDistance(product: .zero, squaresI: .zero, squaresJ: Fixed64(9)) == 1)
        #expect(Fixed64.correlationDistance(product: Fixed64(1), squaresI: .zero, squaresJ: Fixed64(9)) == 0)
    }
}

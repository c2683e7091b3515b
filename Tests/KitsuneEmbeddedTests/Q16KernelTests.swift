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

    /// The normaliser's two quotients (an integer division, a double one for 32-bit ARM) are
    /// the same, and the exact quotient rounded to nearest, ties away from zero: on random inputs
    /// of every scale, on exact ties (a range of 2^17·a with an offset of (2k + 1)·a), and on
    /// the quotients just beside them. (Each build runs one of them; router builds are compared
    /// with the host's, score for score, by `make test-cross`.)
    @Test func normalisedQuotientsAreTheExactRounding() {
        var state: UInt64 = 0x1234_5678
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        var compared = 0, ties = 0
        func check(_ x: Int64, _ low: Int64, _ high: Int64) {
            let offset = x - low, range = high - low
            guard offset != 0, range > 0, offset.magnitude < 32 * range.magnitude else { return }
            compared += 1
            // Exact: twice the numerator against (2·whole + 1)·range decides the rounding.
            let numerator = offset.magnitude << 16, whole = numerator / UInt64(range)
            let up = 2 * numerator >= (2 * whole + 1) * UInt64(range)
            let magnitude = Int64(whole) + (up ? 1 : 0)
            let expected = Int32(offset > 0 ? magnitude : -magnitude)
            #expect(Q16.normalisedQuotient(offset: offset, range: range) == expected, "offset \(offset) range \(range)")
            #expect(Q16.normalisedQuotientInDouble(offset: offset, range: range) == expected,
                    "x \(x) minimum \(low) maximum \(high)")
        }
        for _ in 0..<200_000 {
            let scale = Int(next() % 32)
            let low = Int64(Int32.min) + Int64(next() % (1 << 32))
            let width = Int64(next() % (UInt64(1) << scale)) + 1
            let high = Swift.min(low + width, Int64(Int32.max))
            let x = Swift.max(Swift.min(low + Int64(next() % UInt64(64 * width)) - 32 * width, Int64(Int32.max)),
                              Int64(Int32.min))
            check(x, low, high)
        }
        for _ in 0..<50_000 {
            let a = Int64(next() % 16_000) + 1
            let k = Int64(next() % 1000)
            let low = Int64(next() % (1 << 20)) - (1 << 19)
            let range = a << 17, offset = (2 * k + 1) * a * (next() & 1 == 0 ? 1 : -1)
            guard low + range <= Int64(Int32.max), offset.magnitude < 32 * range.magnitude else { continue }
            for step in [Int64(-1), 0, 1] { check(low + offset + step, low, low + range) }
            ties += 1
        }
        // The nearest a quotient that is not a tie comes to one: 2·offset·2^16 - (2k + 1)·range
        // = ±1, for odd ranges up to 2^32 - 1 and quotients up to 2^21, where the proof's margin
        // is the least. offset ≡ ±(2^17)⁻¹ (mod range).
        func inverse(_ value: Int64, modulo modulus: Int64) -> Int64 {
            var (r0, r1, t0, t1) = (modulus, value % modulus, Int64(0), Int64(1))
            while r1 != 0 {
                let q = r0 / r1
                (r0, r1) = (r1, r0 - q * r1)
                (t0, t1) = (t1, t0 - q * t1)
            }
            return (t0 % modulus + modulus) % modulus
        }
        var nearTies = 0
        for _ in 0..<20_000 {
            // Ranges of every size from 2^20 to 2^32 - 1, odd.
            let scale = 21 + Int(next() % 12)
            let range = Int64(next() % (1 << UInt64(scale))) | (1 << Int64(scale - 1)) | 1
            let inverse17 = inverse(1 << 17, modulo: range)
            for sign in [Int64(1), -1] {
                var offset = sign == 1 ? inverse17 : range - inverse17
                // Up to 31 ranges more (quotients to 2^21), as far as Int32 reaches.
                let most = Swift.min(31, (Int64(UInt32.max) - offset) / range)
                guard most >= 0 else { continue }
                offset += range * Int64(next() % UInt64(most + 1))
                // A positive quotient from the bottom of Int32, a negative one from the top.
                let positive = next() & 1 == 0
                let low = positive ? Int64(Int32.min) : Int64(Int32.max) - range
                let x = positive ? low + offset : low - offset
                guard x >= Int64(Int32.min), x <= Int64(Int32.max) else { continue }
                check(x, low, low + range)
                nearTies += 1
            }
        }
        #expect(compared > 200_000 && ties > 40_000 && nearTies > 10_000)
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

import FixedPoint
import Foundation
import Testing

/// PortableMath against the C library over dense grids: the portable functions must be as
/// accurate as the documentation says, since float32 mode uses them everywhere.
struct PortableMathTests {
    /// Distance in units in the last place between two finite doubles of the same sign.
    static func ulps(_ a: Double, _ b: Double) -> UInt64 {
        let x = Int64(bitPattern: a.bitPattern), y = Int64(bitPattern: b.bitPattern)
        return x > y ? UInt64(x - y) : UInt64(y - x)
    }

    @Test func exp2IsWithinTwoUlpOfTheCLibrary() {
        var worst: UInt64 = 0
        var worstAt = 0.0
        // The decay factors: exponents from 0 down to -1074 (and a little positive range).
        var x = -1074.0
        while x <= 64 {
            let difference = Self.ulps(PortableMath.exp2(x), Foundation.exp2(x))
            if difference > worst { worst = difference; worstAt = x }
            x += 0.0009765625 + 1e-7  // not a multiple of a power of two: varied fractions
        }
        #expect(worst <= 2, "worst \(worst) ulp at \(worstAt)")
    }

    @Test func exp2HandlesItsEdges() {
        #expect(PortableMath.exp2(0) == 1)
        #expect(PortableMath.exp2(1) == 2)
        #expect(PortableMath.exp2(-1) == 0.5)
        #expect(PortableMath.exp2(10) == 1024)
        #expect(PortableMath.exp2(1024) == .infinity)
        #expect(PortableMath.exp2(-1080) == 0)
        #expect(PortableMath.exp2(-1074) == Double.leastNonzeroMagnitude)
        #expect(PortableMath.exp2(.nan).isNaN)
        #expect(PortableMath.exp2(-.infinity) == 0)
    }

    @Test func expFloatIsWithinOneUlpOfTheCorrectlyRoundedValue() {
        var worst: Int32 = 0
        var x: Float = -103
        while x <= 88 {
            let expected = Float(Foundation.exp(Double(x)))  // one rounding of a near-exact value
            let got = PortableMath.exp(x)
            let difference = abs(Int32(bitPattern: got.bitPattern) - Int32(bitPattern: expected.bitPattern))
            worst = max(worst, difference)
            x += 0.00123
        }
        #expect(worst <= 1)
    }
}

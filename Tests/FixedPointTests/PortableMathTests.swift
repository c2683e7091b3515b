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

    /// The float32 logistic KitNET activates with (eight lanes at a time) against σ in float64,
    /// rounded: within 2 ulp over |x| ≤ 87, where e^-x is a normal float.
    @Test func vectorLogisticIsWithinTwoUlp() {
        var worst: Int32 = 0
        var worstAt: Float = 0
        var x: Float = -87
        while x <= 87 {
            var lanes = SIMD8<Float>()
            for lane in 0..<8 { lanes[lane] = x + Float(lane) * 0.000_377 }
            let values = Float.logistic(lanes)
            for lane in 0..<8 {
                let exact = Float(1 / (1 + Foundation.exp(-Double(lanes[lane]))))
                let difference = abs(Int32(bitPattern: values[lane].bitPattern) - Int32(bitPattern: exact.bitPattern))
                if difference > worst { worst = difference; worstAt = lanes[lane] }
            }
            x += 0.003_1
        }
        #expect(worst <= 2, "worst \(worst) ulp at \(worstAt)")
        #expect(Float.logistic(0) == 0.5)
        #expect(Float.logistic(100) == 1 && Float.logistic(.greatestFiniteMagnitude) == 1)
        let far = Float.logistic(-100)
        #expect(far >= 0 && far < 0x1p-125, "σ(-100) = \(far)")
    }

    /// Layers of every size up to 40 units: sixteen at a time, then eight, then the last lanes
    /// computed as lanes too, so each unit's value is the scalar logistic's wherever it falls.
    @Test func applyLogisticGivesEveryUnitTheScalarValue() {
        for count in 1...40 {
            var units: [Float] = (0..<count).map { Float($0) * 0.7 - 13 }
            let biases: [Float] = (0..<count).map { Float($0) * 0.01 - 0.2 }
            let expected = zip(units, biases).map { Float.logistic($0 + $1) }
            units.withUnsafeMutableBufferPointer { unitPointer in
                biases.withUnsafeBufferPointer {
                    Float.applyLogistic(to: unitPointer.baseAddress!, adding: $0.baseAddress!, count: count)
                }
            }
            #expect(units == expected, "\(count) units")
        }
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

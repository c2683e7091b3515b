import FixedPoint
import Foundation
import Testing

/// Q16.16 against float64 over dense grids of each function's domain, with the stated error
/// bounds, and saturation at the edges.
struct Q16Tests {
    /// Every 97th raw value over the whole range (44 million values would take too long).
    static let grid: [Int32] = Array(stride(from: Int32.min, to: Int32.max - 97, by: 97))

    /// The error of `value` from the exact `expected`, in LSB.
    static func lsb(_ value: Q16, _ expected: Double) -> Double { abs(value.doubleValue - expected) * 65536 }

    @Test func conversionsRoundAndSaturate() {
        #expect(Q16(1.5).raw == 98_304)
        #expect(Q16(-1.5).raw == -98_304)
        #expect(Q16(1.0 / 131_072).raw == 1)  // a half LSB rounds away from zero
        #expect(Q16(40_000).raw == Int32.max)
        #expect(Q16(-40_000).raw == Int32.min)
        #expect(Q16(.nan) == .zero)
        #expect(Q16(integer: 7).doubleValue == 7)
        #expect(Q16(integer: 1 << 40) == .max)
        for raw in Self.grid.prefix(1000) { #expect(Q16(Q16(raw: raw).doubleValue).raw == raw) }
    }

    @Test func additionIsExactAndSaturates() {
        let before = Saturations.current
        #expect((Q16(1.25) + Q16(2.5)).doubleValue == 3.75)
        #expect((Q16(1.25) - Q16(2.5)).doubleValue == -1.25)
        #expect(Q16.max + Q16.resolution == .max)
        #expect(Q16.min - Q16.resolution == .min)
        #expect(-Q16.min == .max)
        #expect(Q16.min.magnitude == .max)
        #expect((Saturations.current - before)[.addition] == 4)
    }

    @Test func multiplicationRoundsToNearest() {
        var worst = 0.0
        for (index, raw) in Self.grid.enumerated() where index % 7 == 0 {
            let a = Q16(raw: raw), b = Q16(raw: Int32(truncatingIfNeeded: raw &* 31 &+ 12345) >> 8)
            let exact = a.doubleValue * b.doubleValue
            guard abs(exact) < 32_767 else { continue }
            worst = max(worst, Self.lsb(a * b, exact))
        }
        #expect(worst <= 0.5)
        let before = Saturations.current
        #expect(Q16(300) * Q16(300) == .max)
        #expect(Q16(-300) * Q16(300) == .min)
        #expect((Saturations.current - before)[.multiplication] == 2)
    }

    @Test func divisionRoundsToNearestAndSaturates() {
        var worst = 0.0
        for (index, raw) in Self.grid.enumerated() where index % 7 == 0 {
            let a = Q16(raw: raw), b = Q16(raw: Int32(truncatingIfNeeded: raw &* 17 &+ 999) >> 6 | 1)
            let exact = a.doubleValue / b.doubleValue
            guard abs(exact) < 32_767 else { continue }
            worst = max(worst, Self.lsb(a / b, exact))
        }
        #expect(worst <= 0.5)
        let before = Saturations.current
        #expect(Q16(1) / Q16.zero == .max)
        #expect(Q16(-1) / Q16.zero == .min)
        #expect(Q16.zero / Q16.zero == .zero)
        #expect(Q16(20_000) / Q16(0.5) == .max)
        #expect((Saturations.current - before)[.division] == 3)
    }

    @Test func squareRootIsCorrectlyRounded() {
        var worst = 0.0
        for raw in Self.grid where raw >= 0 {
            let x = Q16(raw: raw)
            worst = max(worst, Self.lsb(x.squareRoot(), x.doubleValue.squareRoot()))
        }
        #expect(worst <= 0.5)
        #expect(Q16.max.squareRoot().doubleValue == (Q16.max.doubleValue).squareRoot().rounded(toPlaces: 16))
        #expect(Q16(-4).squareRoot() == .zero)
    }

    @Test func powerOfTwoIsWithinOneLSBUpToOneAndRelativelyAbove() {
        var worst = 0.0
        var worstRelative = 0.0
        var raw = Int32(-18 << 16)
        while raw < Int32(15 << 16) {
            let x = Q16(raw: raw)
            let exact = Foundation.exp2(x.doubleValue)
            let got = Q16.powerOfTwo(x)
            if exact <= 1 {
                worst = max(worst, Self.lsb(got, exact))
            } else if exact < 32_767 {
                worstRelative = max(worstRelative, (abs(got.doubleValue - exact) - 0.5 / 65536) / exact)
            }
            raw += 37
        }
        #expect(worst <= 2, "worst \(worst) LSB")
        #expect(worstRelative <= 1.0 / Double(1 << 28), "worst \(worstRelative) relative beyond rounding")
        let before = Saturations.current
        #expect(Q16.powerOfTwo(Q16(15)) == .max)
        #expect(Q16.powerOfTwo(Q16(-40)) == .zero)
        #expect(Q16.powerOfTwo(.zero) == .one)
        #expect((Saturations.current - before)[.function] == 1)
    }

    @Test func logarithmIsWithinOneLSB() {
        var worst = 0.0
        for raw in Self.grid where raw > 0 {
            let x = Q16(raw: raw)
            worst = max(worst, Self.lsb(Q16.logarithmBase2(x), Foundation.log2(x.doubleValue)))
        }
        for raw: Int32 in 1...5000 {
            let x = Q16(raw: raw)
            worst = max(worst, Self.lsb(Q16.logarithmBase2(x), Foundation.log2(x.doubleValue)))
        }
        #expect(worst <= 2, "worst \(worst) LSB")
        #expect(Q16.logarithmBase2(Q16(8)).doubleValue == 3)
        #expect(Q16.logarithmBase2(.zero) == .min)
    }

    @Test func exponentialIsWithinTwoLSBBelowOneAndRelativelyAbove() {
        var worst = 0.0, worstRelative = 0.0
        var raw = Int32(-12 << 16)
        while raw < Int32(10 << 16) {
            let x = Q16(raw: raw)
            let exact = Foundation.exp(x.doubleValue), got = Q16.exponential(x).doubleValue
            if exact <= 1 {
                worst = max(worst, abs(got - exact) * 65536)
            } else {
                worstRelative = max(worstRelative, abs(got - exact) / exact)
            }
            raw += 53
        }
        #expect(worst <= 2, "worst \(worst) LSB")
        // x·log2 e is rounded to 2^-16 before 2^x: above 1 the bound is relative, 2^-14.
        #expect(worstRelative <= 1.0 / 16_384, "worst \(worstRelative) relative")
    }

    @Test func logisticIsWithinTwoLSB() {
        var worst = 0.0
        var raw = Int32(-40 << 16)
        while raw < Int32(40 << 16) {
            let x = Q16(raw: raw)
            worst = max(worst, Self.lsb(Q16.logistic(x), 1 / (1 + Foundation.exp(-x.doubleValue))))
            raw += 101
        }
        #expect(worst <= 2, "worst \(worst) LSB")
        #expect(Q16.logistic(.max).doubleValue == 1)
        #expect(Q16.logistic(.min) == .zero)
    }

    @Test func secondsBetweenTimestamps() {
        #expect(Q16.seconds(fromNanoseconds: 0, toNanoseconds: 1_500_000_000).doubleValue == 1.5)
        #expect(Q16.seconds(fromNanoseconds: 1_000, toNanoseconds: 0).raw == -Int32((65536.0 * 1e-6).rounded()))
        #expect(Q16.seconds(fromNanoseconds: 0, toNanoseconds: 40_000_000_000_000) == .max)
        #expect(Q16.seconds(fromNanoseconds: Int64.max, toNanoseconds: Int64.min) == .min)
    }
}

extension Double {
    /// Rounded to a multiple of 2^-places.
    func rounded(toPlaces places: Int) -> Double {
        let scale = Double(1 << places)
        return (self * scale).rounded() / scale
    }
}

import FixedPoint
import Foundation
import Testing

/// The fixed-point engine's decay factors, `2^(-λ·Δt)` in Q0.62 straight from nanoseconds,
/// against float64, and the damped weight of a fast stream, where factors in `Fixed64` itself
/// (steps of 6e-8) were too coarse.
struct DecayFactorTests {
    static let lambdas = [5, 3, 1, 0.1, 0.01].map { Fixed64(-$0) }

    @Test func factorsAreWithinTwoToTheMinus40() {
        var worst = 0.0
        for lambda in Self.lambdas {
            var gap: Int64 = 1
            while gap < 1 << 42 {
                let factor = DecayFactorQ62(negatedLambda: lambda, fromNanoseconds: 1_000, toNanoseconds: 1_000 + gap)
                let exact = exp2(lambda.doubleValue * Double(gap) * 1e-9)
                worst = max(worst, abs(factor.doubleValue - exact))
                gap = gap * 3 / 2 + 1
            }
        }
        #expect(worst <= 0x1p-40, "worst \(worst)")
        #expect(DecayFactorQ62(negatedLambda: Self.lambdas[0], fromNanoseconds: 5, toNanoseconds: 5) == .one)
        #expect(DecayFactorQ62(negatedLambda: Self.lambdas[0], fromNanoseconds: 0, toNanoseconds: .max).raw == 0)
        #expect(DecayFactorQ62(negatedLambda: Self.lambdas[4], fromNanoseconds: .min, toNanoseconds: .max).raw == 0)
    }

    @Test func decayingRoundsToNearest() {
        var worst = 0.0
        for step in 0..<2_000 {
            let x = Fixed64(raw: Int64(step) * 1_234_567_891 - 1_000_000_000_000)
            let factor = DecayFactorQ62(raw: UInt64(step) * 2_305_843_009_213_693 + 1)
            let exact = x.doubleValue * factor.doubleValue
            worst = max(worst, abs(x.decayed(by: factor).doubleValue - exact) * 16_777_216)
        }
        #expect(worst <= 0.5 + 1e-3)
        #expect(Fixed64(123.5).decayed(by: .one) == Fixed64(123.5))
        #expect(Fixed64.max.decayed(by: .one) == .max)
    }

    /// A stream of 300,000 packets/s at λ = 0.01: its damped weight tends to 1 / (1 - f). With
    /// factors rounded to Fixed64's steps it was 1.7e7 against 4.3e7; now within 0.1%.
    @Test func aFastStreamsWeightIsRight() {
        let gap: Int64 = 3_333  // nanoseconds
        let factor = DecayFactorQ62(negatedLambda: Self.lambdas[4], fromNanoseconds: 0, toNanoseconds: gap)
        var weight = Fixed64.zero
        var exactWeight = 0.0
        let exactFactor = exp2(Self.lambdas[4].doubleValue * Double(gap) * 1e-9)
        for _ in 0..<200_000 {
            weight = weight.decayed(by: factor) + .one
            exactWeight = exactWeight * exactFactor + 1
        }
        #expect(abs(weight.doubleValue - exactWeight) / exactWeight < 1e-3, "\(weight.doubleValue) against \(exactWeight)")
    }
}

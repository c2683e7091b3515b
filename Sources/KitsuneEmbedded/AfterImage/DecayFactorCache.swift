/// The decay factors `2^(-λ·Δt)` for every λ, remembered per starting time for the current
/// packet's time.
///
/// When a busy stream (a scanner, a gateway) sends, the reference decays every tracker and
/// partner it is linked to; nearly all of them were last touched at the same instant, so the
/// same factors recur thousands of times per packet. Computing them once gives the very same
/// bits as computing them each time, at a fraction of the cost.
///
/// The factors are kept expanded to the layout of a stream's statistics, three per λ
/// (`CF1, CF2, w`: `f, f, f`; in the centred form `mean, M2, w`: `1, f, f`), so that decaying a
/// stream is one element-wise product that the compiler vectorises. `factor(λ)` of a set is at
/// `3λ + 1`.
@usableFromInline
final class DecayFactorCache<Scalar: AccumulatorScalar> {
    @inlinable static var ways: Int { 8 }

    @usableFromInline let negatedLambdas: FixedBuffer<Scalar>
    @usableFromInline let lambdaCount: Int
    @usableFromInline let fromTimes: FixedBuffer<Int64>
    @usableFromInline let factors: FixedBuffer<Scalar.DecayFactor>
    /// One factor per λ, as computed, before it is expanded into `factors`.
    @usableFromInline let rateFactors: FixedBuffer<Scalar.DecayFactor>
    /// The time the cached factors decay to: the current packet's.
    @usableFromInline let currentTime: ArenaCell<Int64>

    init(lambdas: [Double], in arena: MemoryArena) {
        lambdaCount = lambdas.count
        negatedLambdas = FixedBuffer(repeating: .zero, count: lambdas.count, in: arena)
        fromTimes = FixedBuffer(repeating: Int64.min, count: Self.ways, in: arena)
        factors = FixedBuffer(repeating: Scalar.noDecay, count: Self.ways * lambdas.count * 3, in: arena)
        rateFactors = FixedBuffer(repeating: Scalar.noDecay, count: lambdas.count, in: arena)
        currentTime = ArenaCell(Int64.min, in: arena)
        if negatedLambdas.isWritable {
            for (index, lambda) in lambdas.enumerated() { negatedLambdas[index] = Scalar(-lambda) }
        }
    }

    /// The index in `factors` of the `3 · lambdaCount` expanded factors for decaying from
    /// `from` to `to`.
    @inline(__always)
    @inlinable func factorsIndex(from: Int64, to: Int64) -> Int {
        if to != currentTime.value {
            fromTimes.fill(Int64.min)
            currentTime.value = to
        }
        let way = Int(truncatingIfNeeded: UInt64(bitPattern: from) ^ (UInt64(bitPattern: from) >> 17)) & (Self.ways - 1)
        let base = way * lambdaCount * 3
        if fromTimes[way] != from {
            let isCentred = Scalar.dampedStatisticsForm == .centred
            let computed = rateFactors.base
            Scalar.decayFactors(negatedLambdas: negatedLambdas.base, count: lambdaCount, fromNanoseconds: from,
                                toNanoseconds: to, into: computed)
            for lambda in 0..<lambdaCount {
                let factor = computed[lambda]
                // A damped mean is a ratio of two damped sums: the factor cancels.
                factors[base + 3 * lambda] = isCentred ? Scalar.noDecay : factor
                factors[base + 3 * lambda + 1] = factor
                factors[base + 3 * lambda + 2] = factor
            }
            fromTimes[way] = from
        }
        return base
    }
}

/// The innermost loop of AfterImage: updating one tracker of a stream that has just sent.
///
/// A scanner's or a gateway's stream is linked to thousands of trackers, and the reference
/// updates every one of them for every packet that stream sends: this runs tens of millions of
/// times on a capture with a port scan. The tables' buffers are looked up once per packet here
/// and the loop works on raw pointers, so that nothing but the arithmetic remains in it.
@usableFromInline
struct TrackerUpdate<Scalar: AccumulatorScalar> {
    @usableFromInline let decay: DecayFactorCache<Scalar>
    @usableFromInline let lambdaCount: Int
    @usableFromInline let time: Int64
    @usableFromInline let residuals: UnsafeMutablePointer<Scalar>
    @usableFromInline let streamStats: UnsafeMutablePointer<Scalar>
    @usableFromInline let streamLastTime: UnsafeMutablePointer<Int64>
    @usableFromInline let sideA: UnsafeMutablePointer<StreamSlot>
    @usableFromInline let sideB: UnsafeMutablePointer<StreamSlot>
    @usableFromInline let trackerStats: UnsafeMutablePointer<Scalar>
    @usableFromInline let trackerLastTime: UnsafeMutablePointer<Int64>

    @inline(__always)
    @inlinable init(afterImage: AfterImage<Scalar>, table: StreamTable<Scalar>, trackers: TrackerPool<Scalar>, time: Int64) {
        decay = afterImage.decay
        lambdaCount = afterImage.lambdaCount
        self.time = time
        residuals = afterImage.residuals.base
        streamStats = table.stats.base
        streamLastTime = table.lastTime.base
        sideA = trackers.lists.sideA.base
        sideB = trackers.lists.sideB.base
        trackerStats = trackers.stats.base
        trackerLastTime = trackers.lastTime.base
    }

    /// Runs `body` for every λ; for the usual five it is unrolled, which matters in a loop that
    /// runs for every tracker of a busy stream.
    @inline(__always)
    @inlinable func forEachLambda(_ body: (Int) -> Void) {
        if lambdaCount == 5 {
            body(0); body(1); body(2); body(3); body(4)
        } else {
            for lambda in 0..<lambdaCount { body(lambda) }
        }
    }

    /// The decay factors from `from` to this packet's time. Consecutive trackers of a stream
    /// were mostly last touched at the same instant, so the last answer is kept at hand.
    @inline(__always)
    @inlinable func factors(from: Int64, memo: inout (from: Int64, factors: UnsafeMutablePointer<Scalar.DecayFactor>)) -> UnsafeMutablePointer<Scalar.DecayFactor> {
        if memo.from != from {
            memo = (from, decay.factors.base + decay.factorsIndex(from: from, to: time))
        }
        return memo.factors
    }

    @inline(__always)
    @inlinable func update(_ tracker: TrackerSlot, from stream: StreamSlot,
                memo: inout (from: Int64, factors: UnsafeMutablePointer<Scalar.DecayFactor>)) {
        let slot = tracker.index
        let isSideA = sideA[slot] == stream
        let other = (isSideA ? sideB[slot] : sideA[slot]).index

        // Decay the other stream (reference `processDecay` of the other incStat).
        let otherLast = streamLastTime[other]
        if time > otherLast {
            let f = factors(from: otherLast, memo: &memo)
            let stats = streamStats + other &* lambdaCount &* 3
            Scalar.decay(stats, count: lambdaCount &* 3, by: f)
            streamLastTime[other] = time
        }

        let stats = trackerStats + slot &* lambdaCount &* 4
        let own = isSideA ? 2 : 3
        let others = isSideA ? 3 : 2
        let last = trackerLastTime[slot]
        if time > last {
            let f = factors(from: last, memo: &memo)
            // The reference also decays this side's last residual here, then overwrites it.
            forEachLambda { lambda in
                let at = stats + lambda * 4
                let factor = f[3 * lambda + 1]
                at[0] = Scalar.decayed(at[0], by: factor) + residuals[lambda] * at[others]
                at[1] = Scalar.decayed(at[1], by: factor) + .one
                at[own] = residuals[lambda]
            }
            trackerLastTime[slot] = time
        } else {
            forEachLambda { lambda in
                let at = stats + lambda * 4
                at[0] = at[0] + residuals[lambda] * at[others]
                at[1] = at[1] + .one
                at[own] = residuals[lambda]
            }
        }
    }
}

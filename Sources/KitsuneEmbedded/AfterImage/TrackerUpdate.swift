/// The innermost loop of AfterImage: updating one tracker of a stream that has just sent.
///
/// A scanner's or a gateway's stream is linked to thousands of trackers, and the reference
/// updates every one of them for every packet that stream sends: this runs tens of millions of
/// times on a capture with a port scan. The tables' buffers are looked up once per packet here
/// and the loop works on raw pointers, so that nothing but the arithmetic remains in it.
struct TrackerUpdate<Scalar: KitsuneScalar> {
    let decay: DecayFactorCache<Scalar>
    let lambdaCount: Int
    let time: Int64
    let residuals: UnsafeMutablePointer<Scalar>
    let streamStats: UnsafeMutablePointer<Scalar>
    let streamLastTime: UnsafeMutablePointer<Int64>
    let sideA: UnsafeMutablePointer<Int32>
    let sideB: UnsafeMutablePointer<Int32>
    let trackerStats: UnsafeMutablePointer<Scalar>
    let trackerLastTime: UnsafeMutablePointer<Int64>

    @inline(__always)
    init(afterImage: AfterImage<Scalar>, table: StreamTable<Scalar>, trackers: TrackerPool<Scalar>, time: Int64) {
        decay = afterImage.decay
        lambdaCount = afterImage.lambdaCount
        self.time = time
        residuals = afterImage.residuals.base
        streamStats = table.stats.base
        streamLastTime = table.lastTime.base
        sideA = trackers.sideA.base
        sideB = trackers.sideB.base
        trackerStats = trackers.stats.base
        trackerLastTime = trackers.lastTime.base
    }

    @inline(__always)
    func update(_ tracker: Int32, from stream: Int32) {
        let slot = Int(tracker)
        let isSideA = sideA[slot] == stream
        let other = Int(isSideA ? sideB[slot] : sideA[slot])

        // Decay the other stream (reference `processDecay` of the other incStat).
        let otherLast = streamLastTime[other]
        if time > otherLast {
            let f = decay.factors.base + decay.factorsIndex(from: otherLast, to: time)
            let stats = streamStats + other * lambdaCount * 3
            let isCentred = Scalar.dampedStatisticsForm == .centred
            for lambda in 0..<lambdaCount {
                let at = stats + lambda * 3
                if !isCentred { at[0] *= f[lambda] }
                at[1] *= f[lambda]
                at[2] *= f[lambda]
            }
            streamLastTime[other] = time
        }

        let stats = trackerStats + slot * lambdaCount * 4
        let own = isSideA ? 2 : 3
        let others = isSideA ? 3 : 2
        let last = trackerLastTime[slot]
        if time > last {
            let f = decay.factors.base + decay.factorsIndex(from: last, to: time)
            // The reference also decays this side's last residual here, then overwrites it.
            for lambda in 0..<lambdaCount {
                let at = stats + lambda * 4
                at[0] = at[0] * f[lambda] + residuals[lambda] * at[others]
                at[1] = at[1] * f[lambda] + .one
                at[own] = residuals[lambda]
            }
            trackerLastTime[slot] = time
        } else {
            for lambda in 0..<lambdaCount {
                let at = stats + lambda * 4
                at[0] = at[0] + residuals[lambda] * at[others]
                at[1] = at[1] + .one
                at[own] = residuals[lambda]
            }
        }
    }
}

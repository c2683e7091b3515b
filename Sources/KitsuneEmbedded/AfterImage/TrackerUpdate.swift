/// The innermost loop of AfterImage: updating one tracker of a stream that has just sent.
///
/// A scanner's or a gateway's stream is linked to thousands of trackers, and the reference
/// updates every one of them for every packet that stream sends: this runs tens of millions of
/// times on a capture with a port scan. The tables' buffers are looked up once per packet here
/// and the loop works on raw pointers, so that nothing but the arithmetic remains in it.
@usableFromInline
struct TrackerUpdate<Scalar: AccumulatorScalar> {
    /// Not retained: the AfterImage that makes the update owns the cache and outlives it. A
    /// strong reference here was retained and released around every walk (with the tracker
    /// pool's at each insert, `AfterImage.insert`, 5.7% of the float32 run on the host), and the
    /// cache as a parameter of `update` kept one more value live through the loop, which cost
    /// 32-bit ARM 200 instructions a packet.
    @usableFromInline let decay: Unmanaged<DecayFactorCache<Scalar>>
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
        decay = Unmanaged.passUnretained(afterImage.decay)
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

    /// The decay factors from `from` to this packet's time. Consecutive trackers of a stream
    /// were mostly last touched at the same instant, so the last answer is kept at hand.
    @inline(__always)
    @inlinable func factors(from: Int64, memo: inout (from: Int64, factors: UnsafeMutablePointer<Scalar.DecayFactor>)) -> UnsafeMutablePointer<Scalar.DecayFactor> {
        if memo.from != from {
            let time = time
            memo = (from, decay._withUnsafeGuaranteedRef { $0.factors.base + $0.factorsIndex(from: from, to: time) })
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
        let last = trackerLastTime[slot]
        if time > last {
            updateStatistics(stats, own: own, factors: factors(from: last, memo: &memo), decays: true)
            trackerLastTime[slot] = time
        } else {
            updateStatistics(stats, own: own, factors: memo.factors, decays: false)
        }
    }

    /// `CF3`, `w3` and this side's residual of every λ of one tracker, from side `own` (2 for
    /// A, 3 for B). Inlined with `decays` a constant, so that each case is its own straight code.
    @inline(__always)
    @inlinable func updateStatistics(_ stats: UnsafeMutablePointer<Scalar>, own: Int,
                                     factors f: UnsafeMutablePointer<Scalar.DecayFactor>, decays: Bool) {
        let others = 5 - own
        @inline(__always) func write(_ lambda: Int, _ values: Lambda) {
            let at = stats + lambda * 4
            at[0] = Self.updatedSum(values.sum, factor: values.factor, residual: values.residual, other: values.other,
                                    decays: decays)
            at[1] = Self.updatedWeight(values.weight, factor: values.factor, decays: decays)
            at[own] = values.residual
        }
        @inline(__always) func read(_ lambda: Int) -> Lambda {
            Lambda(stats + lambda * 4, others: others, factor: f[3 * lambda + 1], residual: residuals[lambda])
        }
        // One λ at a time, each sum stored before the next value is read: the fewest values
        // held at once.
        @inline(__always) func updateInPlace(_ lambda: Int) {
            let at = stats + lambda * 4
            let factor = f[3 * lambda + 1]
            at[0] = Self.updatedSum(at[0], factor: factor, residual: residuals[lambda], other: at[others], decays: decays)
            at[1] = Self.updatedWeight(at[1], factor: factor, decays: decays)
            at[own] = residuals[lambda]
        }
        guard lambdaCount == 5 else {
            for lambda in 0..<lambdaCount { updateInPlace(lambda) }
            return
        }
        // 32-bit ARM has too few registers for five λ at once (13 for integers, two a Fixed64;
        // 16 doubles): they would go back to the stack, which cost armv7 more than the overlap
        // gave (toolchains/count.sh: +2,200 instructions a packet in q16). There, one λ after
        // the other, unrolled.
        if Self.hasFewRegisters {
            updateInPlace(0); updateInPlace(1); updateInPlace(2); updateInPlace(3); updateInPlace(4)
            return
        }
        // The usual five λ: every value read before any is written. The compiler cannot know
        // that the tracker's statistics, the residuals and the factors do not overlap, so each
        // λ's loads would otherwise wait for the last λ's stores, and an in-order core (the
        // routers' Cortex-A53) would wait out every product in turn.
        let l0 = read(0), l1 = read(1), l2 = read(2), l3 = read(3), l4 = read(4)
        write(0, l0); write(1, l1); write(2, l2); write(3, l3); write(4, l4)
    }

    /// Whether this is a 32-bit ARM build (see `updateStatistics`).
    @inlinable static var hasFewRegisters: Bool {
        #if arch(arm)
        return true
        #else
        return false
        #endif
    }

    /// What one λ of a tracker update reads: `CF3`, `w3`, the other side's last residual, the
    /// decay factor and this side's new residual.
    @usableFromInline
    struct Lambda {
        @usableFromInline let sum: Scalar, weight: Scalar, other: Scalar
        @usableFromInline let factor: Scalar.DecayFactor, residual: Scalar

        @inline(__always)
        @inlinable init(_ at: UnsafeMutablePointer<Scalar>, others: Int, factor: Scalar.DecayFactor, residual: Scalar) {
            sum = at[0]
            weight = at[1]
            other = at[others]
            self.factor = factor
            self.residual = residual
        }
    }

    /// `CF3` after the update (reference `update_cov`): decayed first when time has passed (the
    /// reference also decays this side's last residual, then overwrites it), then the product of
    /// this side's residual and the other's added.
    @inline(__always)
    @inlinable static func updatedSum(_ sum: Scalar, factor: Scalar.DecayFactor, residual: Scalar, other: Scalar,
                                      decays: Bool) -> Scalar {
        (decays ? Scalar.decayed(sum, by: factor) : sum) + residual * other
    }

    /// `w3` after the update: decayed first when time has passed, then one more.
    @inline(__always)
    @inlinable static func updatedWeight(_ weight: Scalar, factor: Scalar.DecayFactor, decays: Bool) -> Scalar {
        (decays ? Scalar.decayed(weight, by: factor) : weight) + .one
    }
}

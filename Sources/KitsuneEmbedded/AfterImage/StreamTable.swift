/// One channel table of AfterImage (MI, H, jitter or Hp): a fixed pool of damped 1D streams,
/// found by key through a `SlotIndex`.
///
/// Each stream keeps, for every decay rate λ, three damped statistics stored together as
/// `stats[slot][λ][3]`: the reference's `CF1` (linear sum), `CF2` (sum of squares) and `w`
/// (weight), or, in the centred form, `mean`, `M2` and `w` (see `DampedStatisticsForm`). All λ
/// of a key are updated by the same packets, so they share one `lastTime`. A stream also
/// heads a list of the 2D trackers it belongs to (`TrackerLists`: the heads are carved here).
///
/// Like the reference, a stream remembers its mean, variance and standard deviation once
/// computed, until its next insert: a partner's moments are read as they were when computed,
/// not recomputed from its since-decayed sums. The difference is only rounding, but a variance
/// is the difference of two nearly equal numbers when packets have the same size, so that
/// rounding is the whole value there, and the reference's features depend on it.
public final class StreamTable<Scalar: AccumulatorScalar> {
    public let capacity: Int
    public let lambdaCount: Int

    @usableFromInline let keys: FixedBuffer<StreamKey>
    @usableFromInline let keyHashes: FixedBuffer<UInt64>
    @usableFromInline let lastTime: FixedBuffer<Int64>
    /// `capacity * lambdaCount * 3` values: CF1, CF2, w (or mean, M2, w) per λ.
    @usableFromInline let stats: FixedBuffer<Scalar>
    /// `capacity * lambdaCount * 3` remembered moments: mean, variance, standard deviation.
    @usableFromInline let moments: FixedBuffer<Scalar>
    /// Which moments are remembered (`Moment` bits); the same for every λ of a stream, since
    /// every λ sees the same sequence of operations.
    @usableFromInline let momentFlags: FixedBuffer<UInt8>
    /// `capacity * lambdaCount * 2` remembered squares of the mean and of the variance: the
    /// reference squares with `pow`, which costs more than everything else a partner needs.
    @usableFromInline let momentSquares: FixedBuffer<Scalar>
    /// Inserts into each stream, counted up to 2: a stream that has sent twice is established.
    @usableFromInline let insertCounts: FixedBuffer<UInt8>
    /// The first and last tracker of each stream's list, and its length (see `TrackerLists`).
    @usableFromInline let trackerHead: FixedBuffer<TrackerSlot>
    @usableFromInline let trackerTail: FixedBuffer<TrackerSlot>
    @usableFromInline let trackerCount: FixedBuffer<Int32>
    @usableFromInline let index: SlotIndex
    @usableFromInline let freeSlots: FreeSlots
    /// Where the next eviction scan starts.
    @usableFromInline let evictionCursor: ArenaCell<Int>
    /// Counters are 64-bit everywhere: a router's `Int` is 32 bits, and months of traffic pass 2^31.
    @usableFromInline let evictionCount: ArenaCell<Int64>
    public var evictions: Int64 { evictionCount.value }

    init(capacity: Int, lambdaCount: Int, in arena: MemoryArena) {
        precondition(capacity > 0 && capacity < Int(Int32.max))
        self.capacity = capacity
        self.lambdaCount = lambdaCount
        keys = FixedBuffer(repeating: StreamKey(word0: 0, word1: 0, word2: 0, word3: 0, tags: 0), count: capacity, in: arena)
        keyHashes = FixedBuffer(repeating: 0, count: capacity, in: arena)
        lastTime = FixedBuffer(repeating: 0, count: capacity, in: arena)
        stats = FixedBuffer(repeating: Scalar.zero, count: capacity * lambdaCount * 3, in: arena)
        moments = FixedBuffer(repeating: Scalar.zero, count: capacity * lambdaCount * 3, in: arena)
        momentFlags = FixedBuffer(repeating: 0, count: capacity, in: arena)
        momentSquares = FixedBuffer(repeating: Scalar.zero, count: capacity * lambdaCount * 2, in: arena)
        insertCounts = FixedBuffer(repeating: 0, count: capacity, in: arena)
        trackerHead = FixedBuffer(repeating: .none, count: capacity, in: arena)
        trackerTail = FixedBuffer(repeating: .none, count: capacity, in: arena)
        trackerCount = FixedBuffer(repeating: 0, count: capacity, in: arena)
        index = SlotIndex(poolCapacity: capacity, in: arena)
        freeSlots = FreeSlots(capacity: capacity, in: arena)
        evictionCursor = ArenaCell(0, in: arena)
        evictionCount = ArenaCell(0, in: arena)
    }

    /// Streams or trackers in use.
    @inlinable public var liveCount: Int { freeSlots.liveCount }

    /// The slot of the stream `key`, if it is in the table.
    @inlinable public func find(_ key: StreamKey) -> StreamSlot? { find(key, hash: key.hashValue64) }

    /// How many trackers the live stream in `slot` links.
    @inlinable public func trackerCount(of slot: StreamSlot) -> Int {
        precondition(contains(slot), "not a live stream of this table")
        return Int(trackerCount[slot.index])
    }

    /// Whether `slot` is a live stream of this table (checks a slot from outside the engine).
    @inlinable public func contains(_ slot: StreamSlot) -> Bool {
        slot.raw >= 0 && slot.index < capacity && isLive(slot)
    }

    @inline(__always)
    @inlinable func find(_ key: StreamKey, hash: UInt64) -> StreamSlot? {
        index.find(hash: hash) { keys[Int($0)] == key }.map { StreamSlot(raw: $0) }
    }

    @inline(__always)
    @inlinable func statIndex(_ slot: StreamSlot, _ lambda: Int) -> Int {
        (slot.index * lambdaCount + lambda) * 3
    }

    /// Takes a free slot for `key`, born at `time` with the reference's initial state
    /// (`CF1 = CF2 = 0`, `w = 1e-20`; in the centred form `mean = M2 = 0`); nil when full.
    @inlinable func create(_ key: StreamKey, hash: UInt64, time: Int64, initialWeight: Scalar) -> StreamSlot? {
        guard let raw = freeSlots.take() else { return nil }
        let slot = StreamSlot(raw: raw)
        keys[slot.index] = key
        keyHashes[slot.index] = hash
        lastTime[slot.index] = time
        for lambda in 0..<lambdaCount {
            let base = statIndex(slot, lambda)
            stats[base] = .zero
            stats[base + 1] = .zero
            stats[base + 2] = initialWeight
        }
        momentFlags[slot.index] = 0
        insertCounts[slot.index] = 0
        trackerHead[slot.index] = .none
        trackerTail[slot.index] = .none
        trackerCount[slot.index] = 0
        index.insert(slot: raw, hash: hash)
        return slot
    }

    /// Returns a slot whose trackers have already been unlinked to the free list.
    @inlinable func release(_ slot: StreamSlot) {
        index.remove(slot: slot.raw, hash: keyHashes[slot.index])
        freeSlots.give(slot.raw)
    }

    /// Whether `slot` holds a live stream (free slots are in `freeSlots`, live ones
    /// are found by the index). Used only by eviction scans.
    @inlinable func isLive(_ slot: StreamSlot) -> Bool {
        find(keys[slot.index], hash: keyHashes[slot.index]) == slot
    }

    /// The damped weight at λ number `lambda`, as last decayed.
    @inline(__always)
    @inlinable func weight(_ slot: StreamSlot, lambda: Int) -> Scalar { stats[statIndex(slot, lambda) + 2] }

    /// Forgets the remembered moments: the sums are about to change (reference `insert`).
    @inline(__always)
    @inlinable func forgetMoments(_ slot: StreamSlot) { momentFlags[slot.index] = 0 }

    /// Multiplies a stream's statistics by the expanded decay factors (`DecayFactorCache`).
    @inline(__always)
    @inlinable func decay(_ slot: StreamSlot, by factors: UnsafeMutablePointer<Scalar.DecayFactor>) {
        let statistics = stats.base + slot.index &* lambdaCount &* 3
        Scalar.decay(statistics, count: lambdaCount &* 3, by: factors)
    }

    /// Adds `value` (with weight 1) to every λ's statistics and forgets the remembered moments.
    @inline(__always)
    @inlinable func insert(_ slot: StreamSlot, value: Scalar) {
        if Scalar.dampedStatisticsForm == .centred {
            for lambda in 0..<lambdaCount {
                let base = statIndex(slot, lambda)
                let weight = stats[base + 2] + .one
                let mean = stats[base]
                let delta = value - mean
                let updatedMean = mean + delta / weight
                stats[base] = updatedMean
                stats[base + 1] += delta * (value - updatedMean)
                stats[base + 2] = weight
            }
        } else {
            let square = Scalar.square(value)
            let at = stats.base + statIndex(slot, 0)
            @inline(__always) func write(_ lambda: Int, _ sums: (Scalar, Scalar, Scalar)) {
                at[3 * lambda] = sums.0 + value
                at[3 * lambda + 1] = sums.1 + square
                at[3 * lambda + 2] = sums.2 + .one
            }
            if lambdaCount == 5 {
                // Every λ read before any is written (as in `TrackerUpdate`): the compiler cannot
                // know the stores do not reach the next λ's values, and an in-order core would
                // wait out each addition in turn.
                let s0 = (at[0], at[1], at[2]), s1 = (at[3], at[4], at[5]), s2 = (at[6], at[7], at[8])
                let s3 = (at[9], at[10], at[11]), s4 = (at[12], at[13], at[14])
                write(0, s0); write(1, s1); write(2, s2); write(3, s3); write(4, s4)
            } else {
                for lambda in 0..<lambdaCount { write(lambda, (at[3 * lambda], at[3 * lambda + 1], at[3 * lambda + 2])) }
            }
        }
        forgetMoments(slot)
        if insertCounts[slot.index] < 2 { insertCounts[slot.index] += 1 }
    }

    @inline(__always)
    @inlinable func squareIndex(_ slot: StreamSlot, _ lambda: Int) -> Int { (slot.index &* lambdaCount &+ lambda) &* 2 }

    /// The mean of one λ, computed from the statistics.
    @inline(__always)
    @inlinable func computedMean(_ base: Int) -> Scalar {
        Scalar.dampedStatisticsForm == .centred ? stats[base] : stats[base] / stats[base + 2]
    }

    /// The variance of one λ, computed from the statistics and the square of the mean.
    @inline(__always)
    @inlinable func computedVariance(_ base: Int, meanSquared: () -> Scalar) -> Scalar {
        if Scalar.dampedStatisticsForm == .centred {
            return (stats[base + 1] / stats[base + 2]).magnitude
        }
        return (stats[base + 1] / stats[base + 2] - meanSquared()).magnitude
    }

    /// Computes mean and variance afresh from the sums and remembers them (reference
    /// `allstats_1D`, which leaves the standard deviation as it was).
    @inline(__always)
    @inlinable func refreshMoments(_ slot: StreamSlot) {
        for lambda in 0..<lambdaCount {
            let base = statIndex(slot, lambda)
            let mean = computedMean(base)
            moments[base] = mean
            let square = squareIndex(slot, lambda)
            momentSquares[square] = Scalar.square(mean)
            moments[base + 1] = computedVariance(base) { momentSquares[square] }
        }
        momentFlags[slot.index] = momentFlags[slot.index] & RememberedMoment.standardDeviation
            | RememberedMoment.mean | RememberedMoment.meanSquared | RememberedMoment.variance
    }

    /// The remembered mean, computed now from the sums if it is not (reference `mean()`).
    @inline(__always)
    @inlinable func mean(_ slot: StreamSlot, lambda: Int) -> Scalar {
        if momentFlags[slot.index] & RememberedMoment.mean == 0 {
            for each in 0..<lambdaCount {
                let base = statIndex(slot, each)
                moments[base] = computedMean(base)
            }
            momentFlags[slot.index] = momentFlags[slot.index] & ~RememberedMoment.meanSquared | RememberedMoment.mean
        }
        return moments[statIndex(slot, lambda)]
    }

    /// The square of the remembered mean, `pow(mean(), 2)`.
    @inline(__always)
    @inlinable func meanSquared(_ slot: StreamSlot, lambda: Int) -> Scalar {
        if momentFlags[slot.index] & RememberedMoment.meanSquared == 0 {
            for each in 0..<lambdaCount {
                momentSquares[squareIndex(slot, each)] = Scalar.square(mean(slot, lambda: each))
            }
            momentFlags[slot.index] |= RememberedMoment.meanSquared
        }
        return momentSquares[squareIndex(slot, lambda)]
    }

    /// The remembered variance `|CF2/w - mean²|` (reference `var()`): the third 1D feature,
    /// which the reference's header calls `std`.
    @inline(__always)
    @inlinable func variance(_ slot: StreamSlot, lambda: Int) -> Scalar {
        if momentFlags[slot.index] & RememberedMoment.variance == 0 {
            for each in 0..<lambdaCount {
                let base = statIndex(slot, each)
                moments[base + 1] = computedVariance(base) { meanSquared(slot, lambda: each) }
            }
            momentFlags[slot.index] = momentFlags[slot.index] & ~RememberedMoment.varianceSquared
                | RememberedMoment.variance
        }
        return moments[statIndex(slot, lambda) + 1]
    }

    /// The square of the remembered variance, `var()**2`.
    @inline(__always)
    @inlinable func varianceSquared(_ slot: StreamSlot, lambda: Int) -> Scalar {
        if momentFlags[slot.index] & RememberedMoment.varianceSquared == 0 {
            for each in 0..<lambdaCount {
                momentSquares[squareIndex(slot, each) + 1] = Scalar.square(variance(slot, lambda: each))
            }
            momentFlags[slot.index] |= RememberedMoment.varianceSquared
        }
        return momentSquares[squareIndex(slot, lambda) + 1]
    }

    /// Remembers the variance of every λ (and in the reference's sums the mean it comes from),
    /// as reading it does: for a packet whose features are not written (`AfterImage.observe`).
    ///
    /// The standard deviation need not be: `refreshMoments` keeps it only when it is
    /// remembered, and it runs right after an insert, which forgets it; so whenever it is
    /// taken it is the root of the remembered variance, the same bits now or later.
    @inline(__always)
    @inlinable func rememberVariance(_ slot: StreamSlot) {
        _ = variance(slot, lambda: 0)
    }

    /// The remembered standard deviation, `sqrt(var())` (reference `std()`).
    @inline(__always)
    @inlinable func standardDeviation(_ slot: StreamSlot, lambda: Int) -> Scalar {
        if momentFlags[slot.index] & RememberedMoment.standardDeviation == 0 {
            for each in 0..<lambdaCount {
                moments[statIndex(slot, each) + 2] = variance(slot, lambda: each).squareRoot()
            }
            momentFlags[slot.index] |= RememberedMoment.standardDeviation
        }
        return moments[statIndex(slot, lambda) + 2]
    }
}

/// The moments a stream remembers (reference `cur_mean`, `cur_var`, `cur_std`, and the squares
/// of the first two), as bits.
@usableFromInline
enum RememberedMoment {
    @inlinable static var mean: UInt8 { 1 }
    @inlinable static var variance: UInt8 { 2 }
    @inlinable static var standardDeviation: UInt8 { 4 }
    @inlinable static var meanSquared: UInt8 { 8 }
    @inlinable static var varianceSquared: UInt8 { 16 }
}

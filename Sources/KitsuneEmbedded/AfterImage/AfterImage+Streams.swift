extension AfterImage {
    /// Decays every λ of a stream to `time` (reference `processDecay`).
    @inline(__always)
    @inlinable func decayStream(_ slot: StreamSlot, of table: StreamTable<Scalar>, to time: Int64) {
        let last = table.lastTime[slot.index]
        guard time > last else { return }
        let factors = decay.factorsIndex(from: last, to: time)
        table.decay(slot, by: decay.factors.base + factors)
        table.lastTime[slot.index] = time
    }

    /// Inserts `value` into a stream of a family without trackers at `time` (reference `insert`).
    @inlinable func insert(_ value: Scalar, at time: Int64, into slot: StreamSlot, of table: StreamTable<Scalar>) {
        decayStream(slot, of: table, to: time)
        table.insert(slot, value: value)
    }

    /// Inserts `value` into a stream at `time` and updates every tracker linked to it, in the
    /// order they were linked (reference `insert`). The pool is not optional here: unwrapping
    /// one retained and released it for every packet of a 2D family.
    @inlinable func insert(_ value: Scalar, at time: Int64, into slot: StreamSlot, of table: StreamTable<Scalar>,
                trackers: TrackerPool<Scalar>) {
        insert(value, at: time, into: slot, of: table)
        guard !trackers.lists.first(of: slot).isNone else { return }
        setResiduals(value, of: slot, in: table)
        updateTrackers(of: slot, in: table, trackers: trackers, time: time, only: .none)
    }

    /// Updates the trackers of `slot`, which has just inserted the value whose residuals are in
    /// `residuals`: every one of its list, in the order they were linked (`only` none), or the
    /// one tracker `only`.
    ///
    /// Both the walk and the single update go through this one loop, so that the update
    /// (`TrackerUpdate`, inlined for the walk's speed) is compiled once: a router's binary has
    /// no room for two copies of it in every arithmetic.
    @inline(never)
    @inlinable func updateTrackers(of slot: StreamSlot, in table: StreamTable<Scalar>, trackers: TrackerPool<Scalar>,
                                   time: Int64, only: TrackerSlot) {
        let updater = TrackerUpdate(afterImage: self, table: table, trackers: trackers, time: time)
        // The list's links, as pointers: this walk runs for every tracker of a busy stream.
        let lists = trackers.lists
        let sideA = lists.sideA.base, sideB = lists.sideB.base
        let nextOfA = lists.nextOfA.base, nextOfB = lists.nextOfB.base
        let walks = only.isNone
        var tracker = walks ? lists.first(of: slot) : only
        var memo = (from: Int64.min, factors: decay.factors.base)
        var again = false
        while !tracker.isNone {
            let index = tracker.index
            updater.update(tracker, from: slot, memo: &memo)
            let isSideA = sideA[index] == slot
            // The reference lists a stream's link to itself twice, so updates it twice in a walk.
            if walks && isSideA && !again && sideB[index] == slot {
                again = true
                continue
            }
            again = false
            tracker = !walks ? .none : isSideA ? nextOfA[index] : nextOfB[index]
        }
    }

    /// `v - mean(S)` for every λ, the residual every tracker of S receives (S's remembered
    /// mean, as the reference's `update_cov` reads it).
    @inline(__always)
    @inlinable func setResiduals(_ value: Scalar, of slot: StreamSlot, in table: StreamTable<Scalar>) {
        for lambda in 0..<lambdaCount {
            residuals[lambda] = value - table.mean(slot, lambda: lambda)
        }
    }

    /// The stream of `key`, created at `time` if new. When the table is full the weakest
    /// stream other than `pinned` is evicted first.
    @inline(__always)
    @inlinable func findOrCreate(_ key: StreamKey, in table: StreamTable<Scalar>, trackers: TrackerPool<Scalar>?,
                      time: Int64, pinned: StreamSlot) -> StreamSlot {
        var created = false
        return findOrCreate(key, in: table, trackers: trackers, time: time, pinned: pinned, created: &created)
    }

    /// The same, setting `created` when the stream is new.
    @inlinable func findOrCreate(_ key: StreamKey, in table: StreamTable<Scalar>, trackers: TrackerPool<Scalar>?,
                      time: Int64, pinned: StreamSlot, created: inout Bool) -> StreamSlot {
        let hash = key.hashValue64
        if let slot = table.find(key, hash: hash) { return slot }
        created = true
        if let slot = table.create(key, hash: hash, time: time, initialWeight: initialWeight) { return slot }
        evictWeakestStream(of: table, trackers: trackers, time: time, pinned: pinned)
        guard let slot = table.create(key, hash: hash, time: time, initialWeight: initialWeight) else {
            fatalError("a stream table has no free slot after an eviction")
        }
        return slot
    }

    /// The weight a stream would have now at the slowest λ: how much it still matters.
    @inline(__always)
    @inlinable func decayedWeight(of slot: StreamSlot, in table: StreamTable<Scalar>, at time: Int64) -> Scalar {
        let lambda = slowestLambda
        let last = table.lastTime[slot.index]
        let weight = table.weight(slot, lambda: lambda)
        guard time > last else { return weight }
        let elapsed = Scalar.seconds(fromNanoseconds: last, toNanoseconds: time)
        return weight * Scalar.powerOfTwo(decay.negatedLambdas[lambda] * elapsed)
    }

    /// Evicts, among the next few live streams after the table's cursor, a dead one or else
    /// the one whose decayed weight is smallest, unlinking and freeing its trackers.
    @inlinable func evictWeakestStream(of table: StreamTable<Scalar>, trackers: TrackerPool<Scalar>?, time: Int64,
                            pinned: StreamSlot) {
        // A stream that has sent more than once is established: under a flood of one-packet
        // sources (spoofed addresses, a scan), those are evicted first, and the streams of the
        // hosts that were there before keep their history.
        let best = StreamSlot(raw: weakest(
            capacity: table.capacity, cursor: &table.evictionCursor.value,
            isCandidate: { $0 != pinned.raw && table.isLive(StreamSlot(raw: $0)) },
            isEstablished: { table.insertCounts[Int($0)] >= 2 },
            weight: { decayedWeight(of: StreamSlot(raw: $0), in: table, at: time) }))
        if let trackers {
            let lists = trackers.lists
            var tracker = lists.first(of: best)
            while !tracker.isNone {
                let next = lists.next(after: tracker, in: best)
                let a = lists.sideA[tracker.index], b = lists.sideB[tracker.index]
                let other = a == best ? b : a
                if other != best { lists.unlink(tracker, from: other) }
                trackers.release(tracker)
                tracker = next
            }
        }
        table.release(best)
        table.evictionCount.value += 1
    }
}

extension AfterImage {
    /// The entry to evict from a full pool of `capacity` slots: looking at the live entries
    /// from `cursor` on, the first dead one that is not `isEstablished`, or else, of the first
    /// `evictionCandidates`, the weakest of those not established, or the weakest of all if
    /// every one is. The cursor moves on, so that evictions sweep the whole pool.
    ///
    /// An established stream is kept even when its weight has decayed away: its mean and
    /// variance do not decay, and they are what it contributes as a partner (a quiet camera
    /// that a flood targets keeps its history, as in the unbounded reference).
    @inline(__always)
    @inlinable func weakest(capacity: Int, cursor: inout Int, isCandidate: (Int32) -> Bool,
                 isEstablished: (Int32) -> Bool = { _ in false }, weight: (Int32) -> Scalar) -> Int32 {
        var best: Int32 = -1
        var bestWeight = Scalar.zero
        var bestIsEstablished = true
        var seen = 0
        var scanned = 0
        while seen < Self.evictionCandidates && scanned < capacity {
            let slot = Int32(cursor)
            cursor = (cursor + 1) % capacity
            scanned += 1
            guard isCandidate(slot) else { continue }
            seen += 1
            let candidateWeight = weight(slot)
            let established = isEstablished(slot)
            if candidateWeight < deadWeight && !established { return slot }
            if best < 0 || (bestIsEstablished && !established)
                || (established == bestIsEstablished && candidateWeight < bestWeight) {
                best = slot
                bestWeight = candidateWeight
                bestIsEstablished = established
            }
        }
        precondition(best >= 0, "an eviction found no candidate")
        return best
    }
}

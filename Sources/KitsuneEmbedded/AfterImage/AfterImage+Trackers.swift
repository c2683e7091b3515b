extension AfterImage {
    /// Creates the tracker between `sender` (side A) and `partner` (side B) and appends it to
    /// both streams' lists. A stream at its tracker limit first gives up its weakest tracker;
    /// a full pool first evicts its weakest tracker.
    @inlinable func link(_ sender: StreamSlot, _ partner: StreamSlot, in table: StreamTable<Scalar>,
              trackers: TrackerPool<Scalar>, time: Int64) -> TrackerSlot {
        let limit = Int32(configuration.trackersPerStream)
        let lists = trackers.lists
        if lists.count(of: sender) >= limit {
            evictWeakestTracker(of: sender, trackers: trackers, time: time)
        }
        if partner != sender && lists.count(of: partner) >= limit {
            evictWeakestTracker(of: partner, trackers: trackers, time: time)
        }
        var created = trackers.create(sender, partner, time: time, initialWeight: initialWeight)
        if created == nil {
            evictWeakestTracker(trackers, time: time)
            created = trackers.create(sender, partner, time: time, initialWeight: initialWeight)
        }
        guard let tracker = created else { fatalError("a tracker pool has no free slot after an eviction") }
        lists.append(tracker, to: sender)
        // A host talking to itself gets one tracker, linked once (the reference links it twice).
        if partner != sender { lists.append(tracker, to: partner) }
        return tracker
    }

    /// The weight a tracker would have now at the slowest λ.
    @inline(__always)
    @inlinable func decayedWeight(ofTracker slot: TrackerSlot, in trackers: TrackerPool<Scalar>, at time: Int64) -> Scalar {
        let last = trackers.lastTime[slot.index]
        let weight = trackers.stats[trackers.statIndex(slot, slowestLambda) + 1]
        guard time > last else { return weight }
        let elapsed = Scalar.seconds(fromNanoseconds: last, toNanoseconds: time)
        return weight * Scalar.powerOfTwo(decay.negatedLambdas[slowestLambda] * elapsed)
    }

    /// Evicts, among the next few live trackers after the pool's cursor, a dead one or else
    /// the one with the smallest decayed weight.
    @inlinable func evictWeakestTracker(_ trackers: TrackerPool<Scalar>, time: Int64) {
        let best = TrackerSlot(raw: weakest(
            capacity: trackers.capacity, cursor: &trackers.evictionCursor.value,
            isCandidate: { trackers.isLive(TrackerSlot(raw: $0)) },
            weight: { decayedWeight(ofTracker: TrackerSlot(raw: $0), in: trackers, at: time) }))
        release(best, trackers: trackers)
        trackers.evictionCount.value += 1
    }

    /// Evicts the weakest among the oldest few trackers of `stream`, which is at its limit.
    @inlinable func evictWeakestTracker(of stream: StreamSlot, trackers: TrackerPool<Scalar>, time: Int64) {
        let lists = trackers.lists
        var best = TrackerSlot.none
        var bestWeight = Scalar.zero
        var tracker = lists.first(of: stream)
        var seen = 0
        while !tracker.isNone && seen < Self.evictionCandidates {
            let weight = decayedWeight(ofTracker: tracker, in: trackers, at: time)
            if best.isNone || weight < bestWeight {
                best = tracker
                bestWeight = weight
            }
            tracker = lists.next(after: tracker, in: stream)
            seen += 1
        }
        precondition(!best.isNone, "a stream at its tracker limit has no tracker")
        release(best, trackers: trackers)
        trackers.limitReplacementCount.value += 1
    }

    /// Unlinks a tracker from its streams and returns it to the pool.
    @inlinable func release(_ tracker: TrackerSlot, trackers: TrackerPool<Scalar>) {
        let lists = trackers.lists
        let a = lists.sideA[tracker.index], b = lists.sideB[tracker.index]
        lists.unlink(tracker, from: a)
        if b != a { lists.unlink(tracker, from: b) }
        trackers.release(tracker)
    }
}

extension AfterImage {
    /// Updates a tracker from the side of `stream`, which has just inserted the value whose
    /// residuals are in `residuals` (reference `update_cov`): decay the other stream, decay
    /// the tracker, add the product of this residual and the other side's last one.
    @inline(__always)
    func update(_ tracker: Int32, from stream: Int32, in table: StreamTable<Scalar>,
                trackers: TrackerPool<Scalar>, time: Int64) {
        TrackerUpdate(afterImage: self, table: table, trackers: trackers, time: time)
            .update(tracker, from: stream)
    }

    /// Creates the tracker between `sender` (side A) and `partner` (side B) and appends it to
    /// both streams' lists. A stream at its tracker limit first gives up its weakest tracker;
    /// a full pool first evicts its weakest tracker.
    func link(_ sender: Int32, _ partner: Int32, in table: StreamTable<Scalar>,
              trackers: TrackerPool<Scalar>, time: Int64) -> Int32 {
        let limit = Int32(configuration.trackersPerStream)
        if table.trackerCount[Int(sender)] >= limit {
            evictWeakestTracker(of: sender, in: table, trackers: trackers, time: time)
        }
        if partner != sender && table.trackerCount[Int(partner)] >= limit {
            evictWeakestTracker(of: partner, in: table, trackers: trackers, time: time)
        }
        var created = trackers.create(sender, partner, time: time, initialWeight: initialWeight)
        if created == nil {
            evictWeakestTracker(trackers, in: table, time: time)
            created = trackers.create(sender, partner, time: time, initialWeight: initialWeight)
        }
        guard let tracker = created else { fatalError("a tracker pool has no free slot after an eviction") }
        append(tracker, to: sender, in: table, trackers: trackers)
        // A host talking to itself gets one tracker, linked once (the reference links it twice).
        if partner != sender { append(tracker, to: partner, in: table, trackers: trackers) }
        return tracker
    }

    func append(_ tracker: Int32, to stream: Int32, in table: StreamTable<Scalar>, trackers: TrackerPool<Scalar>) {
        let none = StreamTable<Scalar>.none
        let tail = table.trackerTail[Int(stream)]
        if trackers.sideA[Int(tracker)] == stream {
            trackers.previousOfA[Int(tracker)] = tail
            trackers.nextOfA[Int(tracker)] = none
        } else {
            trackers.previousOfB[Int(tracker)] = tail
            trackers.nextOfB[Int(tracker)] = none
        }
        if tail == none {
            table.trackerHead[Int(stream)] = tracker
        } else if trackers.sideA[Int(tail)] == stream {
            trackers.nextOfA[Int(tail)] = tracker
        } else {
            trackers.nextOfB[Int(tail)] = tracker
        }
        table.trackerTail[Int(stream)] = tracker
        table.trackerCount[Int(stream)] += 1
    }

    func unlink(_ tracker: Int32, from stream: Int32, in table: StreamTable<Scalar>, trackers: TrackerPool<Scalar>) {
        let none = StreamTable<Scalar>.none
        let isSideA = trackers.sideA[Int(tracker)] == stream
        let previous = isSideA ? trackers.previousOfA[Int(tracker)] : trackers.previousOfB[Int(tracker)]
        let next = isSideA ? trackers.nextOfA[Int(tracker)] : trackers.nextOfB[Int(tracker)]
        if previous == none {
            table.trackerHead[Int(stream)] = next
        } else if trackers.sideA[Int(previous)] == stream {
            trackers.nextOfA[Int(previous)] = next
        } else {
            trackers.nextOfB[Int(previous)] = next
        }
        if next == none {
            table.trackerTail[Int(stream)] = previous
        } else if trackers.sideA[Int(next)] == stream {
            trackers.previousOfA[Int(next)] = previous
        } else {
            trackers.previousOfB[Int(next)] = previous
        }
        table.trackerCount[Int(stream)] -= 1
    }

    /// The weight a tracker would have now at the slowest λ.
    @inline(__always)
    func decayedWeight(ofTracker slot: Int32, in trackers: TrackerPool<Scalar>, at time: Int64) -> Scalar {
        let last = trackers.lastTime[Int(slot)]
        let weight = trackers.stats[trackers.statIndex(slot, slowestLambda) + 1]
        guard time > last else { return weight }
        let elapsed = Scalar.seconds(fromNanoseconds: last, toNanoseconds: time)
        return weight * Scalar.powerOfTwo(decay.negatedLambdas[slowestLambda] * elapsed)
    }

    /// Evicts, among the next few live trackers after the pool's cursor, a dead one or else
    /// the one with the smallest decayed weight.
    func evictWeakestTracker(_ trackers: TrackerPool<Scalar>, in table: StreamTable<Scalar>, time: Int64) {
        let best = weakest(capacity: trackers.capacity, cursor: &trackers.evictionCursor,
                           isCandidate: { trackers.isLive($0) },
                           weight: { decayedWeight(ofTracker: $0, in: trackers, at: time) })
        release(best, in: table, trackers: trackers)
        trackers.evictions += 1
    }

    /// Evicts the weakest among the oldest few trackers of `stream`, which is at its limit.
    func evictWeakestTracker(of stream: Int32, in table: StreamTable<Scalar>, trackers: TrackerPool<Scalar>,
                             time: Int64) {
        var best = StreamTable<Scalar>.none
        var bestWeight = Scalar.zero
        var tracker = table.trackerHead[Int(stream)]
        var seen = 0
        while tracker != StreamTable<Scalar>.none && seen < Self.evictionCandidates {
            let weight = decayedWeight(ofTracker: tracker, in: trackers, at: time)
            if best == StreamTable<Scalar>.none || weight < bestWeight {
                best = tracker
                bestWeight = weight
            }
            tracker = trackers.next(after: tracker, in: stream)
            seen += 1
        }
        precondition(best != StreamTable<Scalar>.none)
        release(best, in: table, trackers: trackers)
        trackers.limitReplacements += 1
    }

    /// Unlinks a tracker from its streams and returns it to the pool.
    func release(_ tracker: Int32, in table: StreamTable<Scalar>, trackers: TrackerPool<Scalar>) {
        let a = trackers.sideA[Int(tracker)], b = trackers.sideB[Int(tracker)]
        unlink(tracker, from: a, in: table, trackers: trackers)
        if b != a { unlink(tracker, from: b, in: table, trackers: trackers) }
        trackers.release(tracker)
    }
}

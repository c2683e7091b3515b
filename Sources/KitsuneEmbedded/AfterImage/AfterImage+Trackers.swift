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
    /// both streams' lists. A full pool first evicts its weakest tracker.
    func link(_ sender: Int32, _ partner: Int32, in table: StreamTable<Scalar>,
              trackers: TrackerPool<Scalar>, time: Int64) -> Int32 {
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

    /// Evicts, among the next few live trackers after the pool's cursor, the one with the
    /// smallest decayed weight.
    func evictWeakestTracker(_ trackers: TrackerPool<Scalar>, in table: StreamTable<Scalar>, time: Int64) {
        let candidates = 8
        var best = StreamTable<Scalar>.none
        var bestWeight = Scalar.zero
        var seen = 0
        var scanned = 0
        while seen < candidates && scanned < trackers.capacity {
            let slot = Int32(trackers.evictionCursor)
            trackers.evictionCursor = (trackers.evictionCursor + 1) % trackers.capacity
            scanned += 1
            guard trackers.isLive(slot) else { continue }
            seen += 1
            let last = trackers.lastTime[Int(slot)]
            var weight = trackers.stats[trackers.statIndex(slot, slowestLambda) + 1]
            if time > last {
                let elapsed = Scalar.seconds(fromNanoseconds: last, toNanoseconds: time)
                weight *= Scalar.powerOfTwo(decay.negatedLambdas[slowestLambda] * elapsed)
            }
            if best == StreamTable<Scalar>.none || weight < bestWeight {
                best = slot
                bestWeight = weight
            }
        }
        precondition(best != StreamTable<Scalar>.none)
        let a = trackers.sideA[Int(best)], b = trackers.sideB[Int(best)]
        unlink(best, from: a, in: table, trackers: trackers)
        if b != a { unlink(best, from: b, in: table, trackers: trackers) }
        trackers.release(best)
        trackers.evictions += 1
    }
}

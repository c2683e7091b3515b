extension AfterImage {
    /// The first broken invariant of the tables, or nil: every live tracker links two live
    /// streams and sits in both of their lists (once for a stream linked to itself), every list
    /// keeps `TrackerLists`' invariants and no more than the tracker limit, and the live counts
    /// add up. It walks every table, so tests call it; debug builds check each list as it
    /// changes (`TrackerLists`).
    @inlinable public func consistencyProblem() -> StaticString? {
        for (table, trackers) in [(hosts, hostTrackers), (sockets, socketTrackers)] {
            if let problem = consistencyProblem(table, trackers) { return problem }
        }
        for table in [macHosts, jitter] + (targets.map { [$0] } ?? []) {
            var live = 0
            for slot in 0..<table.capacity where table.isLive(StreamSlot(raw: Int32(slot))) { live += 1 }
            if live != table.liveCount { return "a 1D table's live count is wrong" }
        }
        return nil
    }

    @inlinable func consistencyProblem(_ table: StreamTable<Scalar>, _ trackers: TrackerPool<Scalar>) -> StaticString? {
        let lists = trackers.lists
        var liveStreams = 0
        var listEntries = 0
        for index in 0..<table.capacity {
            let stream = StreamSlot(raw: Int32(index))
            guard table.isLive(stream) else { continue }
            liveStreams += 1
            if let problem = lists.problem(of: stream) { return problem }
            var tracker = lists.first(of: stream)
            while !tracker.isNone {
                guard trackers.isLive(tracker) else { return "a stream lists a free tracker" }
                tracker = lists.next(after: tracker, in: stream)
            }
            let count = lists.count(of: stream)
            guard count <= Int32(configuration.trackersPerStream) else { return "a stream exceeds the tracker limit" }
            listEntries += Int(count)
        }
        guard liveStreams == table.liveCount else { return "a table's live count is wrong" }
        var liveTrackers = 0
        var expectedEntries = 0
        for index in 0..<trackers.capacity {
            let tracker = TrackerSlot(raw: Int32(index))
            guard trackers.isLive(tracker) else { continue }
            liveTrackers += 1
            let a = lists.sideA[index], b = lists.sideB[index]
            guard table.isLive(a) && table.isLive(b) else { return "a tracker links an evicted stream" }
            guard trackers.tracker(between: a, b) == tracker else { return "a tracker is missing from the pair index" }
            expectedEntries += a == b ? 1 : 2
        }
        guard liveTrackers == trackers.liveCount else { return "a tracker pool's live count is wrong" }
        guard listEntries == expectedEntries else { return "a tracker is missing from a stream's list" }
        return nil
    }
}

extension AfterImage {
    /// The first broken invariant of the tables, or nil: every live tracker links two live
    /// streams and sits in both of their lists (once for a stream linked to itself), every
    /// list runs both ways to its recorded head and tail, holds its recorded count and no more
    /// than the tracker limit, and the live counts add up. For tests and debugging: it walks
    /// every table.
    public func consistencyProblem() -> StaticString? {
        for (table, trackers) in [(hosts, hostTrackers), (sockets, socketTrackers)] {
            if let problem = consistencyProblem(table, trackers) { return problem }
        }
        for table in [macHosts, jitter] {
            var live = 0
            for slot in 0..<table.capacity where table.isLive(Int32(slot)) { live += 1 }
            if live != table.liveCount { return "a 1D table's live count is wrong" }
        }
        return nil
    }

    func consistencyProblem(_ table: StreamTable<Scalar>, _ trackers: TrackerPool<Scalar>) -> StaticString? {
        let none = StreamTable<Scalar>.none
        var liveStreams = 0
        var listEntries = 0
        for index in 0..<table.capacity {
            let stream = Int32(index)
            guard table.isLive(stream) else { continue }
            liveStreams += 1
            var tracker = table.trackerHead[index]
            var previous = none
            var count: Int32 = 0
            while tracker != none {
                guard trackers.isLive(tracker) else { return "a stream lists a free tracker" }
                let a = trackers.sideA[Int(tracker)], b = trackers.sideB[Int(tracker)]
                guard a == stream || b == stream else { return "a stream lists a tracker of other streams" }
                let back = a == stream ? trackers.previousOfA[Int(tracker)] : trackers.previousOfB[Int(tracker)]
                guard back == previous else { return "a tracker list's backward link is wrong" }
                count += 1
                guard count <= Int32(trackers.capacity) else { return "a tracker list has a cycle" }
                previous = tracker
                tracker = trackers.next(after: tracker, in: stream)
            }
            guard previous == table.trackerTail[index] else { return "a tracker list's tail is wrong" }
            guard count == table.trackerCount[index] else { return "a tracker list's count is wrong" }
            guard count <= Int32(configuration.trackersPerStream) else { return "a stream exceeds the tracker limit" }
            listEntries += Int(count)
        }
        guard liveStreams == table.liveCount else { return "a table's live count is wrong" }
        var liveTrackers = 0
        var expectedEntries = 0
        for index in 0..<trackers.capacity {
            let tracker = Int32(index)
            guard trackers.isLive(tracker) else { continue }
            liveTrackers += 1
            let a = trackers.sideA[index], b = trackers.sideB[index]
            guard table.isLive(a) && table.isLive(b) else { return "a tracker links an evicted stream" }
            guard trackers.find(a, b) == tracker else { return "a tracker is missing from the pair index" }
            expectedEntries += a == b ? 1 : 2
        }
        guard liveTrackers == trackers.liveCount else { return "a tracker pool's live count is wrong" }
        guard listEntries == expectedEntries else { return "a tracker is missing from a stream's list" }
        return nil
    }
}

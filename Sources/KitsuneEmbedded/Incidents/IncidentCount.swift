extension IncidentConfiguration {
    /// How many incidents these anomalous packets (each with its score) would open at
    /// `threshold`, by the very rules of detection, warm from the start: for a model's calibration,
    /// which counts the false incidents its threshold makes on benign traffic.
    public func incidents(among packets: [(record: PacketRecord, score: Double)], threshold: Double) -> Int64 {
        var configuration = self
        configuration.warmupSeconds = 0
        configuration.longestNormalGapSeconds = .infinity
        var plan = MemoryPlan()
        plan = MemoryArena.measure { _ = IncidentTracker(configuration: configuration, lambdas: [1], in: $0) }
        guard let arena = MemoryArena(capacity: plan.totalBytes) else { return 0 }
        let tracker = IncidentTracker(configuration: configuration, lambdas: [1], in: arena)
        // In time order: an insertion sort of a few hundred (a library sort costs a router 3 KB).
        var order = Array(packets.indices)
        for index in order.indices.dropFirst() {
            let item = order[index]
            var place = index
            while place > 0 && packets[order[place - 1]].record.timestamp > packets[item].record.timestamp {
                order[place] = order[place - 1]
                place -= 1
            }
            order[place] = item
        }
        for (record, score) in order.map({ packets[$0] }) {
            _ = tracker.clock(record.timestamp)
            if score > threshold { _ = tracker.observe(record, score: score, threshold: threshold) }
            tracker.advance(to: record.timestamp)
            while tracker.nextEvent() != nil {}
        }
        return tracker.state.value.incidentsOpened
    }
}

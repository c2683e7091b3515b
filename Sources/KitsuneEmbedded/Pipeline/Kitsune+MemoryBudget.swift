/// Relative sizes of the tables when they are derived from a memory budget: a LAN has far
/// more sockets than hosts, and a busy socket links several trackers.
@usableFromInline
enum TableShares {
    @usableFromInline static let macHostStreams = 1
    @usableFromInline static let hostStreams = 1
    @usableFromInline static let jitterStreams = 2
    @usableFromInline static let socketStreams = 4
    @usableFromInline static let targetStreams = 1
    @usableFromInline static let hostTrackers = 1
    @usableFromInline static let socketTrackers = 4
}

extension KitsuneConfiguration {
    /// This configuration with its tables `unit` times the smallest (`TableShares`), and the
    /// per-stream tracker limit that goes with them. Unit 1 is the smallest engine there is.
    @inlinable public func scaledTables(_ unit: Int) -> KitsuneConfiguration {
        var candidate = self
        candidate.afterImage.macHostStreams = TableShares.macHostStreams * unit
        candidate.afterImage.hostStreams = max(2, TableShares.hostStreams * unit)
        candidate.afterImage.jitterStreams = TableShares.jitterStreams * unit
        candidate.afterImage.socketStreams = TableShares.socketStreams * unit
        candidate.afterImage.targetStreams = TableShares.targetStreams * unit
        candidate.afterImage.hostTrackers = TableShares.hostTrackers * unit
        candidate.afterImage.socketTrackers = TableShares.socketTrackers * unit
        // Enough for a busy host's peers, few enough that its packets stay cheap: every packet
        // a stream sends updates all its trackers. On dev.pcap even 64 (against nmap's
        // 4,326 partners) leaves every feature within 1e-9 of the reference's.
        candidate.afterImage.trackersPerStream = min(64, max(8, candidate.afterImage.socketTrackers / 64))
        return candidate
    }
}

extension Kitsune {
    /// `configuration` with table capacities and the per-stream tracker limit derived from
    /// `budget` bytes: the largest tables, in `TableShares` proportions, whose memory plan fits
    /// (with `configuration`'s KitNET, which may be a model's). Nil when not even the smallest
    /// tables fit.
    @inlinable public static func configuration(_ configuration: KitsuneConfiguration, fittingBudget budget: Int)
        -> KitsuneConfiguration? {
        // Tables past `AfterImageConfiguration.largestCapacity` do not fit whatever the budget.
        func fits(_ unit: Int) -> Bool {
            let candidate = configuration.scaledTables(unit)
            return candidate.problem == nil && memoryPlan(candidate).totalBytes <= budget
        }
        guard fits(1) else { return nil }
        var low = 1, high = 2
        while fits(high) && high < 1 << 24 { low = high; high *= 2 }
        while high - low > 1 {
            let middle = (low + high) / 2
            if fits(middle) { low = middle } else { high = middle }
        }
        return configuration.scaledTables(low)
    }
}

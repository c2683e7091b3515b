/// What an engine allocates, region by region: what its constructors carved from a measuring
/// arena (`MemoryArena.measure`).
///
/// `kitsune-lite plan` prints it; the engine allocates one `MemoryArena` of `totalBytes` and
/// carves every region from it, so the plan is the engine's memory, exactly.
public struct MemoryPlan {
    public struct Region {
        public var name: StaticString
        /// Entries the region holds (streams, trackers, values), or 0 where that means nothing.
        public var capacity: Int
        public var bytes: Int
    }

    public var regions: [Region] = []

    public init() {}

    /// All the regions' bytes; `Int.max` when that does not fit an `Int`.
    public var totalBytes: Int {
        var total = 0
        for region in regions { total = Self.sum(total, region.bytes) }
        return total
    }

    /// `a + b` for byte counts, `Int.max` beyond it: a plan too large for this platform is
    /// refused by its total, never a trap on a 32-bit router.
    static func sum(_ a: Int, _ b: Int) -> Int {
        let (total, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : total
    }
}

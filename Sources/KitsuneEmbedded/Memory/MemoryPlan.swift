/// What an engine will allocate, region by region, before it allocates it.
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

    public var totalBytes: Int {
        var total = 0
        for region in regions { total += region.bytes }
        return total
    }

    mutating func add(_ name: StaticString, capacity: Int, bytes: Int) {
        regions.append(Region(name: name, capacity: capacity, bytes: bytes))
    }
}

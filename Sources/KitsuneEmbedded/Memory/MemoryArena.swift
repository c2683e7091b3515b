/// One block of memory, allocated once at start-up, from which every buffer of an engine is
/// carved; or a measuring arena, which allocates nothing and only adds up what is carved.
///
/// The engine's memory plan is its constructors run against a measuring arena (`measure`):
/// every buffer they would carve is counted, under the region the constructor names. The real
/// arena then allocates exactly that total, and the same constructors carve it. So the plan
/// cannot drift from the code: there is no second description of the sizes to keep in step.
/// Nothing is returned to an arena; it is freed as a whole when the last buffer carved from it
/// goes away.
public final class MemoryArena {
    /// Every carve starts at a multiple of this, so footprints add up exactly.
    public static let alignment = 16

    /// The bytes this arena holds (a measuring arena: no limit).
    public let capacity: Int
    /// The block; nil for a measuring arena.
    let base: UnsafeMutableRawPointer?
    public private(set) var used = 0
    /// The regions carved so far, in order, with their bytes.
    public private(set) var plan = MemoryPlan()
    /// The region being carved (an index in `plan.regions`), if any, and regions begun inside it.
    var openRegion: Int? = nil
    var nestedRegions = 0

    /// An arena of `capacity` bytes, or nil if the system cannot provide them.
    public init?(capacity: Int) {
        precondition(capacity >= 0)
        var memory: UnsafeMutableRawPointer? = nil
        guard c_posix_memalign(&memory, 64, max(capacity, 1)) == 0, let memory else { return nil }
        self.capacity = capacity
        base = memory
    }

    /// A measuring arena: carving counts bytes and allocates nothing.
    init(measuring: Void) {
        capacity = Int.max
        base = nil
    }

    // Swift's deallocation is libc's free, which takes posix_memalign's memory.
    deinit { base?.deallocate() }

    /// Whether this arena only measures: what is carved from it must not be written.
    public var isMeasuring: Bool { base == nil }

    /// The plan of what `build` carves: `build` runs against a measuring arena.
    public static func measure(_ build: (MemoryArena) -> Void) -> MemoryPlan {
        let arena = MemoryArena(measuring: ())
        build(arena)
        return arena.plan
    }

    /// Counts what is carved from here to `endRegion()` as the region `name`, which holds
    /// `capacity` entries (streams, trackers, values; 0 where that means nothing). Regions do not
    /// nest: an inner one is counted in the outer. (A pair of calls rather than a closure: a
    /// closure's generic result would be specialised for every caller, in a router's 512 KiB.)
    public func beginRegion(_ name: StaticString, capacity: Int) {
        guard openRegion == nil else {
            nestedRegions += 1
            return
        }
        plan.regions.append(MemoryPlan.Region(name: name, capacity: capacity, bytes: 0))
        openRegion = plan.regions.count - 1
    }

    /// Ends the region `beginRegion` opened.
    public func endRegion() {
        if nestedRegions > 0 {
            nestedRegions -= 1
        } else {
            openRegion = nil
        }
    }

    /// The bytes `count` values of `Element` take in an arena; `Int.max` if that does not fit
    /// an `Int` (a 32-bit router's is 2 GiB), which no arena can then hold.
    public static func footprint<Element>(_: Element.Type, count: Int) -> Int {
        let (bytes, overflow) = max(count, 1).multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
        guard !overflow, bytes <= Int.max - alignment else { return Int.max }
        return (bytes + alignment - 1) / alignment * alignment
    }

    /// Room for `count` values of `Element`, uninitialised. From a measuring arena: a pointer that
    /// must not be used.
    func carve<Element>(_: Element.Type, count: Int) -> UnsafeMutablePointer<Element> {
        precondition(MemoryLayout<Element>.alignment <= Self.alignment)
        let size = Self.footprint(Element.self, count: count)
        if let openRegion {
            plan.regions[openRegion].bytes = MemoryPlan.sum(plan.regions[openRegion].bytes, size)
        } else {
            plan.regions.append(MemoryPlan.Region(name: "other", capacity: 0, bytes: size))
        }
        defer { used = MemoryPlan.sum(used, size) }
        guard let base else {
            // Never dereferenced: FixedBuffer writes nothing into a measuring arena.
            return UnsafeMutablePointer(bitPattern: Self.alignment)!
        }
        // The plan and the constructors are the same code: this holds by construction.
        precondition(size <= capacity - used, "memory arena exhausted: the engine was built with another configuration than its plan")
        return (base + used).bindMemory(to: Element.self, capacity: max(count, 1))
    }
}

// The allocator, called directly: Swift's own allocation traps when memory runs out, and a
// router that cannot have the memory its configuration asks for must say so, not crash.
@_extern(c, "posix_memalign")
func c_posix_memalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int) -> Int32

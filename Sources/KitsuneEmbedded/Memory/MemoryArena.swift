/// One block of memory, allocated once at start-up, from which every buffer of an engine is
/// carved.
///
/// The engine's memory is decided before the first packet: its plan (`MemoryPlan`) adds up the
/// footprint of every buffer, the arena allocates exactly that, and the engine's constructors
/// carve their buffers from it in order. Nothing is returned to it; it is freed as a whole when
/// the last buffer carved from it goes away. Asking for more than it holds is a programming
/// error (the plan and the constructors disagree) and traps; tests check they agree.
public final class MemoryArena {
    /// Every carve starts at a multiple of this, so footprints add up exactly.
    public static let alignment = 16

    public let capacity: Int
    let base: UnsafeMutableRawPointer
    public private(set) var used = 0

    /// An arena of `capacity` bytes, or nil if the system cannot provide them.
    public init?(capacity: Int) {
        precondition(capacity >= 0)
        var memory: UnsafeMutableRawPointer? = nil
        guard c_posix_memalign(&memory, 64, max(capacity, 1)) == 0, let memory else { return nil }
        self.capacity = capacity
        base = memory
    }

    // Swift's deallocation is libc's free, which takes posix_memalign's memory.
    deinit { base.deallocate() }

    /// The bytes `count` values of `Element` take in an arena.
    public static func footprint<Element>(_: Element.Type, count: Int) -> Int {
        let bytes = max(count, 1) * MemoryLayout<Element>.stride
        return (bytes + alignment - 1) / alignment * alignment
    }

    /// Room for `count` values of `Element`, uninitialised.
    func carve<Element>(_: Element.Type, count: Int) -> UnsafeMutablePointer<Element> {
        precondition(MemoryLayout<Element>.alignment <= Self.alignment)
        let size = Self.footprint(Element.self, count: count)
        precondition(used + size <= capacity, "memory arena exhausted: the memory plan is wrong")
        let pointer = (base + used).bindMemory(to: Element.self, capacity: max(count, 1))
        used += size
        return pointer
    }
}

// The allocator, called directly: Swift's own allocation traps when memory runs out, and a
// router that cannot have the memory its configuration asks for must say so, not crash.
@_extern(c, "posix_memalign")
func c_posix_memalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int) -> Int32

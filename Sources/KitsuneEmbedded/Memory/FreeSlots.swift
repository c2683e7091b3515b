/// The free slots of a fixed pool, as a singly linked list threaded through the slots, with
/// the count of slots in use. Taking and returning a slot are O(1) and allocate nothing.
final class FreeSlots {
    static var none: Int32 { -1 }

    let next: FixedBuffer<Int32>
    var first: Int32
    private(set) var liveCount = 0

    init(capacity: Int, in arena: MemoryArena) {
        next = FixedBuffer(count: capacity, in: arena) { slot in slot + 1 < capacity ? Int32(slot + 1) : Self.none }
        first = capacity > 0 ? 0 : Self.none
    }


    /// A free slot, now in use; nil when every slot is.
    @inline(__always)
    func take() -> Int32? {
        let slot = first
        guard slot != Self.none else { return nil }
        first = next[Int(slot)]
        liveCount += 1
        return slot
    }

    /// Returns a slot in use to the free list.
    @inline(__always)
    func give(_ slot: Int32) {
        next[Int(slot)] = first
        first = slot
        liveCount -= 1
    }
}

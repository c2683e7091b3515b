/// The free slots of a fixed pool, as a singly linked list threaded through the slots, with
/// the count of slots in use. Taking and returning a slot are O(1) and allocate nothing.
@usableFromInline
final class FreeSlots {
    @inlinable static var none: Int32 { -1 }

    @usableFromInline let next: FixedBuffer<Int32>
    @usableFromInline let first: ArenaCell<Int32>
    @usableFromInline let live: ArenaCell<Int>

    init(capacity: Int, in arena: MemoryArena) {
        next = FixedBuffer(repeating: Self.none, count: capacity, in: arena)
        if next.isWritable {
            for slot in 0..<(capacity - 1) { next[slot] = Int32(slot + 1) }
        }
        first = ArenaCell(capacity > 0 ? 0 : Self.none, in: arena)
        live = ArenaCell(0, in: arena)
    }

    /// Slots in use.
    @inlinable var liveCount: Int { live.value }

    /// A free slot, now in use; nil when every slot is.
    @inline(__always)
    @inlinable func take() -> Int32? {
        let slot = first.value
        guard slot != Self.none else { return nil }
        first.value = next[Int(slot)]
        live.value += 1
        return slot
    }

    /// Returns a slot in use to the free list.
    @inline(__always)
    @inlinable func give(_ slot: Int32) {
        next[Int(slot)] = first.value
        first.value = slot
        live.value -= 1
    }
}

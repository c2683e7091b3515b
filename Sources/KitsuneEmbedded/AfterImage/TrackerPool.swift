/// The 2D trackers of one table (H or Hp): a fixed pool of covariance statistics between two
/// streams A (the stream that created the link) and B (its partner).
///
/// Per λ a tracker keeps the reference's `CF3` (damped sum of residual products), `w3` and the
/// last residual of each side, as `stats[slot][λ][4]`; all λ share `lastTime`. Each tracker
/// sits in its streams' lists (`lists`), so that a stream can walk its trackers in the order
/// they were linked and an evicted stream can unlink its trackers in O(1) each. A pair index
/// finds the tracker of two streams in O(1) (the reference scans a list).
public final class TrackerPool<Scalar: AccumulatorScalar> {
    public let capacity: Int
    public let lambdaCount: Int

    /// The streams' lists of trackers, with their links (`TrackerLists`).
    @usableFromInline let lists: TrackerLists
    @usableFromInline let lastTime: FixedBuffer<Int64>
    /// `capacity * lambdaCount * 4` values: CF3, w3, residual of A, residual of B per λ.
    @usableFromInline let stats: FixedBuffer<Scalar>
    @usableFromInline let index: SlotIndex
    @usableFromInline let freeSlots: FreeSlots
    @usableFromInline let evictionCursor: ArenaCell<Int>
    /// Trackers evicted because the pool was full.
    @usableFromInline let evictionCount: ArenaCell<Int64>
    /// Trackers replaced because one of their streams was at its tracker limit.
    @usableFromInline let limitReplacementCount: ArenaCell<Int64>
    public var evictions: Int64 { evictionCount.value }
    public var limitReplacements: Int64 { limitReplacementCount.value }

    /// A pool of `capacity` trackers between streams of `table`.
    init(capacity: Int, lambdaCount: Int, linking table: StreamTable<Scalar>, in arena: MemoryArena) {
        precondition(capacity > 0 && capacity < Int(Int32.max))
        self.capacity = capacity
        self.lambdaCount = lambdaCount
        lists = TrackerLists(
            head: table.trackerHead, tail: table.trackerTail, count: table.trackerCount,
            sideA: FixedBuffer(repeating: .none, count: capacity, in: arena),
            sideB: FixedBuffer(repeating: .none, count: capacity, in: arena),
            nextOfA: FixedBuffer(repeating: .none, count: capacity, in: arena),
            previousOfA: FixedBuffer(repeating: .none, count: capacity, in: arena),
            nextOfB: FixedBuffer(repeating: .none, count: capacity, in: arena),
            previousOfB: FixedBuffer(repeating: .none, count: capacity, in: arena))
        lastTime = FixedBuffer(repeating: 0, count: capacity, in: arena)
        stats = FixedBuffer(repeating: Scalar.zero, count: capacity * lambdaCount * 4, in: arena)
        index = SlotIndex(poolCapacity: capacity, in: arena)
        freeSlots = FreeSlots(capacity: capacity, in: arena)
        evictionCursor = ArenaCell(0, in: arena)
        evictionCount = ArenaCell(0, in: arena)
        limitReplacementCount = ArenaCell(0, in: arena)
    }

    /// Trackers in use.
    @inlinable public var liveCount: Int { freeSlots.liveCount }

    @inline(__always)
    @inlinable static func pairHash(_ a: StreamSlot, _ b: StreamSlot) -> UInt64 {
        let low = min(a.raw, b.raw), high = max(a.raw, b.raw)
        return StreamKey.mix(UInt64(UInt32(bitPattern: low)) << 32 | UInt64(UInt32(bitPattern: high)))
    }

    /// The tracker linking streams `a` and `b`, in either role.
    @inlinable public func find(_ a: StreamSlot, _ b: StreamSlot) -> TrackerSlot? {
        precondition(!a.isNone && !b.isNone, "a tracker links two streams")
        return tracker(between: a, b)
    }

    @inline(__always)
    @inlinable func tracker(between a: StreamSlot, _ b: StreamSlot) -> TrackerSlot? {
        let sideA = lists.sideA, sideB = lists.sideB
        return index.find(hash: Self.pairHash(a, b)) { raw in
            let x = sideA[Int(raw)], y = sideB[Int(raw)]
            return (x == a && y == b) || (x == b && y == a)
        }.map { TrackerSlot(raw: $0) }
    }

    @inline(__always)
    @inlinable func statIndex(_ slot: TrackerSlot, _ lambda: Int) -> Int {
        (slot.index * lambdaCount + lambda) * 4
    }

    /// Takes a free tracker between `a` (creator) and `b`, born at `time`: `CF3 = 0`,
    /// `w3 = 1e-20`, residuals 0. The caller links it into the streams' lists. Nil when full.
    @inlinable func create(_ a: StreamSlot, _ b: StreamSlot, time: Int64, initialWeight: Scalar) -> TrackerSlot? {
        guard let raw = freeSlots.take() else { return nil }
        let slot = TrackerSlot(raw: raw)
        lists.setSides(of: slot, a, b)
        lastTime[slot.index] = time
        for lambda in 0..<lambdaCount {
            let base = statIndex(slot, lambda)
            stats[base] = .zero
            stats[base + 1] = initialWeight
            stats[base + 2] = .zero
            stats[base + 3] = .zero
        }
        index.insert(slot: raw, hash: Self.pairHash(a, b))
        return slot
    }

    /// Returns a tracker, already unlinked from its streams' lists, to the free list.
    @inlinable func release(_ slot: TrackerSlot) {
        index.remove(slot: slot.raw, hash: Self.pairHash(lists.sideA[slot.index], lists.sideB[slot.index]))
        lists.clearSides(of: slot)
        freeSlots.give(slot.raw)
    }

    @inline(__always)
    @inlinable func isLive(_ slot: TrackerSlot) -> Bool { !lists.sideA[slot.index].isNone }

    /// The covariance `CF3 / w3` at λ number `lambda`.
    @inline(__always)
    @inlinable func covariance(_ slot: TrackerSlot, lambda: Int) -> Scalar {
        let base = statIndex(slot, lambda)
        return stats[base] / stats[base + 1]
    }
}

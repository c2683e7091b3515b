/// An open-addressing hash index from keys to slot numbers of a fixed pool.
///
/// The index does not store keys: the pool does, and lookups pass a closure that compares the
/// key of a candidate slot. Linear probing with backward-shift deletion keeps lookups short
/// without tombstones, so a table that churns (eviction under a flood) never degrades.
/// The bucket array is a power of two at least twice the pool, so the load stays at most 1/2.
@usableFromInline
struct SlotIndex {
    @usableFromInline static let empty: Int32 = -1

    @usableFromInline let slots: FixedBuffer<Int32>
    @usableFromInline let hashes: FixedBuffer<UInt32>
    /// Bucket count - 1; bucket numbers come from the low bits of the hash (truncating: a
    /// 32-bit hash does not fit a 32-bit router's Int).
    @usableFromInline let mask: Int

    init(poolCapacity: Int, in arena: MemoryArena) {
        let buckets = Self.bucketCount(poolCapacity: poolCapacity)
        slots = FixedBuffer(repeating: Self.empty, count: buckets, in: arena)
        hashes = FixedBuffer(repeating: 0, count: buckets, in: arena)
        mask = buckets - 1
    }

    @inlinable static func bucketCount(poolCapacity: Int) -> Int {
        var buckets = 16
        while buckets < poolCapacity * 2 { buckets <<= 1 }
        return buckets
    }

    /// The slot whose key matches, or nil.
    @inline(__always)
    @inlinable func find(hash: UInt64, matches: (Int32) -> Bool) -> Int32? {
        let short = UInt32(truncatingIfNeeded: hash)
        var bucket = Int(truncatingIfNeeded: short) & mask
        while true {
            let slot = slots[bucket]
            if slot == Self.empty { return nil }
            if hashes[bucket] == short && matches(slot) { return slot }
            bucket = (bucket + 1) & mask
        }
    }

    /// Records `slot` under `hash`; the caller has checked that the key is not present.
    @inline(__always)
    @inlinable func insert(slot: Int32, hash: UInt64) {
        let short = UInt32(truncatingIfNeeded: hash)
        var bucket = Int(truncatingIfNeeded: short) & mask
        while slots[bucket] != Self.empty { bucket = (bucket + 1) & mask }
        slots[bucket] = slot
        hashes[bucket] = short
    }

    /// Forgets `slot`, which was inserted under `hash`, and shifts the probe chain behind it back.
    @inlinable func remove(slot: Int32, hash: UInt64) {
        var bucket = Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: hash)) & mask
        while slots[bucket] != slot {
            if slots[bucket] == Self.empty { return }
            bucket = (bucket + 1) & mask
        }
        var hole = bucket
        var next = (hole + 1) & mask
        while slots[next] != Self.empty {
            let home = Int(truncatingIfNeeded: hashes[next]) & mask
            // Move the entry back if its home is not within (hole, next], cyclically.
            let distanceToNext = (next - home) & mask
            let distanceToHole = (hole - home) & mask
            if distanceToHole < distanceToNext {
                slots[hole] = slots[next]
                hashes[hole] = hashes[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = Self.empty
    }
}

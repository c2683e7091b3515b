/// The 2D trackers of one table (H or Hp): a fixed pool of covariance statistics between two
/// streams A (the stream that created the link) and B (its partner).
///
/// Per λ a tracker keeps the reference's `CF3` (damped sum of residual products), `w3` and the
/// last residual of each side, as `stats[slot][λ][4]`; all λ share `lastTime`. Each tracker
/// sits in two doubly linked lists, A's and B's, so that a stream can walk its trackers in the
/// order they were linked and an evicted stream can unlink its trackers in O(1) each.
/// A pair index finds the tracker of two streams in O(1) (the reference scans a list).
public final class TrackerPool<Scalar: AccumulatorScalar> {
    public let capacity: Int
    public let lambdaCount: Int

    let sideA: FixedBuffer<Int32>
    let sideB: FixedBuffer<Int32>
    let nextOfA: FixedBuffer<Int32>
    let previousOfA: FixedBuffer<Int32>
    let nextOfB: FixedBuffer<Int32>
    let previousOfB: FixedBuffer<Int32>
    let lastTime: FixedBuffer<Int64>
    /// `capacity * lambdaCount * 4` values: CF3, w3, residual of A, residual of B per λ.
    let stats: FixedBuffer<Scalar>
    let index: SlotIndex
    let freeSlots: FreeSlots
    var evictionCursor = 0
    /// Trackers evicted because the pool was full.
    public internal(set) var evictions: Int64 = 0
    /// Trackers replaced because one of their streams was at its tracker limit.
    public internal(set) var limitReplacements: Int64 = 0

    static var none: Int32 { -1 }

    public init(capacity: Int, lambdaCount: Int, in arena: MemoryArena) {
        precondition(capacity > 0 && capacity < Int(Int32.max))
        self.capacity = capacity
        self.lambdaCount = lambdaCount
        sideA = FixedBuffer(repeating: Self.none, count: capacity, in: arena)
        sideB = FixedBuffer(repeating: Self.none, count: capacity, in: arena)
        nextOfA = FixedBuffer(repeating: Self.none, count: capacity, in: arena)
        previousOfA = FixedBuffer(repeating: Self.none, count: capacity, in: arena)
        nextOfB = FixedBuffer(repeating: Self.none, count: capacity, in: arena)
        previousOfB = FixedBuffer(repeating: Self.none, count: capacity, in: arena)
        lastTime = FixedBuffer(repeating: 0, count: capacity, in: arena)
        stats = FixedBuffer(repeating: Scalar.zero, count: capacity * lambdaCount * 4, in: arena)
        index = SlotIndex(poolCapacity: capacity, in: arena)
        freeSlots = FreeSlots(capacity: capacity, in: arena)
    }

    /// Streams or trackers in use.
    public var liveCount: Int { freeSlots.liveCount }

    @inline(__always)
    static func pairHash(_ a: Int32, _ b: Int32) -> UInt64 {
        let low = min(a, b), high = max(a, b)
        return StreamKey.mix(UInt64(UInt32(bitPattern: low)) << 32 | UInt64(UInt32(bitPattern: high)))
    }

    /// The tracker linking streams `a` and `b`, in either role.
    @inline(__always)
    public func find(_ a: Int32, _ b: Int32) -> Int32? {
        index.find(hash: Self.pairHash(a, b)) { slot in
            let x = sideA[Int(slot)], y = sideB[Int(slot)]
            return (x == a && y == b) || (x == b && y == a)
        }
    }

    @inline(__always)
    func statIndex(_ slot: Int32, _ lambda: Int) -> Int {
        (Int(slot) * lambdaCount + lambda) * 4
    }

    /// Takes a free tracker between `a` (creator) and `b`, born at `time`: `CF3 = 0`,
    /// `w3 = 1e-20`, residuals 0. The caller links it into the streams' lists. Nil when full.
    func create(_ a: Int32, _ b: Int32, time: Int64, initialWeight: Scalar) -> Int32? {
        guard let slot = freeSlots.take() else { return nil }
        sideA[Int(slot)] = a
        sideB[Int(slot)] = b
        lastTime[Int(slot)] = time
        for lambda in 0..<lambdaCount {
            let base = statIndex(slot, lambda)
            stats[base] = .zero
            stats[base + 1] = initialWeight
            stats[base + 2] = .zero
            stats[base + 3] = .zero
        }
        index.insert(slot: slot, hash: Self.pairHash(a, b))
        return slot
    }

    /// Returns an unlinked tracker to the free list.
    func release(_ slot: Int32) {
        index.remove(slot: slot, hash: Self.pairHash(sideA[Int(slot)], sideB[Int(slot)]))
        sideA[Int(slot)] = Self.none
        sideB[Int(slot)] = Self.none
        freeSlots.give(slot)
    }

    @inline(__always)
    func isLive(_ slot: Int32) -> Bool { sideA[Int(slot)] != Self.none }

    /// The next tracker after `slot` in the list of `stream`.
    @inline(__always)
    func next(after slot: Int32, in stream: Int32) -> Int32 {
        sideA[Int(slot)] == stream ? nextOfA[Int(slot)] : nextOfB[Int(slot)]
    }

    @inline(__always)
    public func covariance(_ slot: Int32, lambda: Int) -> Scalar {
        let base = statIndex(slot, lambda)
        return stats[base] / stats[base + 1]
    }
}

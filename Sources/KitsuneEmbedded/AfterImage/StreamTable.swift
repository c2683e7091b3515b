/// One channel table of AfterImage (MI, H, jitter or Hp): a fixed pool of damped 1D streams,
/// found by key through a `SlotIndex`.
///
/// Each stream keeps, for every decay rate λ, the reference's `CF1` (damped linear sum), `CF2`
/// (damped sum of squares) and `w` (damped weight), stored together as `stats[slot][λ][3]`. All
/// λ of a key are updated by the same packets, so they share one `lastTime`. A stream also
/// heads a doubly linked list of the 2D trackers it belongs to, in the order they were linked.
public final class StreamTable<Scalar: KitsuneScalar> {
    public let capacity: Int
    public let lambdaCount: Int

    let keys: FixedBuffer<StreamKey>
    let keyHashes: FixedBuffer<UInt64>
    let lastTime: FixedBuffer<Int64>
    /// `capacity * lambdaCount * 3` values: CF1, CF2, w per λ.
    let stats: FixedBuffer<Scalar>
    let trackerHead: FixedBuffer<Int32>
    let trackerTail: FixedBuffer<Int32>
    let trackerCount: FixedBuffer<Int32>
    let index: SlotIndex
    /// Free slots form a singly linked list through `nextFree`.
    let nextFree: FixedBuffer<Int32>
    var firstFree: Int32
    public private(set) var liveCount = 0
    /// Where the next eviction scan starts.
    var evictionCursor = 0
    public internal(set) var evictions = 0

    static var none: Int32 { -1 }

    public init(capacity: Int, lambdaCount: Int) {
        precondition(capacity > 0 && capacity < Int(Int32.max))
        self.capacity = capacity
        self.lambdaCount = lambdaCount
        keys = FixedBuffer(repeating: StreamKey(word0: 0, word1: 0, word2: 0, word3: 0, tags: 0), count: capacity)
        keyHashes = FixedBuffer(repeating: 0, count: capacity)
        lastTime = FixedBuffer(repeating: 0, count: capacity)
        stats = FixedBuffer(repeating: Scalar.zero, count: capacity * lambdaCount * 3)
        trackerHead = FixedBuffer(repeating: Self.none, count: capacity)
        trackerTail = FixedBuffer(repeating: Self.none, count: capacity)
        trackerCount = FixedBuffer(repeating: 0, count: capacity)
        index = SlotIndex(poolCapacity: capacity)
        nextFree = FixedBuffer(repeating: Self.none, count: capacity)
        for slot in 0..<capacity { nextFree[slot] = slot + 1 < capacity ? Int32(slot + 1) : Self.none }
        firstFree = 0
    }

    public var byteCount: Int {
        keys.byteCount + keyHashes.byteCount + lastTime.byteCount + stats.byteCount
            + trackerHead.byteCount + trackerTail.byteCount + trackerCount.byteCount
            + index.byteCount + nextFree.byteCount
    }

    /// Bytes per stream, for memory plans.
    public static func bytesPerStream(lambdaCount: Int) -> Int {
        MemoryLayout<StreamKey>.stride + 8 + 8 + lambdaCount * 3 * MemoryLayout<Scalar>.stride + 4 * 4
            + 2 * (4 + 4)  // index buckets (two per stream)
    }

    @inline(__always)
    public func find(_ key: StreamKey, hash: UInt64) -> Int32? {
        index.find(hash: hash) { keys[Int($0)] == key }
    }

    @inline(__always)
    func statIndex(_ slot: Int32, _ lambda: Int) -> Int {
        (Int(slot) * lambdaCount + lambda) * 3
    }

    /// Takes a free slot for `key`, born at `time` with the reference's initial state
    /// (`CF1 = CF2 = 0`, `w = 1e-20`); nil when the pool is full.
    func create(_ key: StreamKey, hash: UInt64, time: Int64, initialWeight: Scalar) -> Int32? {
        let slot = firstFree
        guard slot != Self.none else { return nil }
        firstFree = nextFree[Int(slot)]
        keys[Int(slot)] = key
        keyHashes[Int(slot)] = hash
        lastTime[Int(slot)] = time
        for lambda in 0..<lambdaCount {
            let base = statIndex(slot, lambda)
            stats[base] = .zero
            stats[base + 1] = .zero
            stats[base + 2] = initialWeight
        }
        trackerHead[Int(slot)] = Self.none
        trackerTail[Int(slot)] = Self.none
        trackerCount[Int(slot)] = 0
        index.insert(slot: slot, hash: hash)
        liveCount += 1
        return slot
    }

    /// Returns a slot whose trackers have already been unlinked to the free list.
    func release(_ slot: Int32) {
        index.remove(slot: slot, hash: keyHashes[Int(slot)])
        nextFree[Int(slot)] = firstFree
        firstFree = slot
        liveCount -= 1
    }

    /// Whether `slot` holds a live stream (free slots are chained with `nextFree`, live ones
    /// are found by the index). Used only by eviction scans.
    func isLive(_ slot: Int32) -> Bool {
        find(keys[Int(slot)], hash: keyHashes[Int(slot)]) == slot
    }

    @inline(__always)
    public func weight(_ slot: Int32, lambda: Int) -> Scalar { stats[statIndex(slot, lambda) + 2] }

    @inline(__always)
    public func mean(_ slot: Int32, lambda: Int) -> Scalar {
        let base = statIndex(slot, lambda)
        return stats[base] / stats[base + 2]
    }

    /// `|CF2/w - mean²|`: the reference's third 1D feature, which its header calls `std`.
    @inline(__always)
    public func variance(_ slot: Int32, lambda: Int) -> Scalar {
        let base = statIndex(slot, lambda)
        let w = stats[base + 2]
        let mean = stats[base] / w
        return (stats[base + 1] / w - mean * mean).magnitude
    }
}

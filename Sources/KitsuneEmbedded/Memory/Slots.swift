/// The number of a stream's slot in its `StreamTable`: a type of its own, so that a stream is
/// never taken for a tracker or an index of another table.
public struct StreamSlot: Equatable, Hashable, Sendable {
    /// The slot number; -1 for `none`.
    public let raw: Int32

    @inlinable @inline(__always)
    init(raw: Int32) { self.raw = raw }

    /// No stream: the end of a list, an empty link.
    @inlinable public static var none: StreamSlot { StreamSlot(raw: -1) }

    @inlinable @inline(__always)
    var isNone: Bool { raw < 0 }

    /// The slot as an index into the table's buffers.
    @inlinable @inline(__always)
    var index: Int { Int(raw) }
}

/// The number of a tracker's slot in its `TrackerPool`.
public struct TrackerSlot: Equatable, Hashable, Sendable {
    /// The slot number; -1 for `none`.
    public let raw: Int32

    @inlinable @inline(__always)
    init(raw: Int32) { self.raw = raw }

    /// No tracker: the end of a list, an empty link.
    @inlinable public static var none: TrackerSlot { TrackerSlot(raw: -1) }

    @inlinable @inline(__always)
    var isNone: Bool { raw < 0 }

    /// The slot as an index into the pool's buffers.
    @inlinable @inline(__always)
    var index: Int { Int(raw) }
}

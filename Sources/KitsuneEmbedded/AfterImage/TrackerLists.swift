/// Which 2D trackers each stream of a table belongs to: a doubly linked list per stream,
/// threaded through the trackers, in the order the trackers were linked (the reference updates
/// them in that order).
///
/// A tracker links two streams, side A (the stream that created it) and side B (its partner),
/// so it sits in two lists at once and keeps a pair of links for each side. The per-stream
/// heads are carved by the `StreamTable`, the per-tracker links by the `TrackerPool`; this type
/// is the one place that reads and writes both.
///
/// Invariants (`problem(of:)` checks a stream's list; debug builds check it after every change,
/// and `AfterImage.consistencyProblem` checks every list):
/// 1. a live tracker t is in the list of `sideA(t)` and in the list of `sideB(t)`, once each;
///    once in all when the two sides are the same stream;
/// 2. walking a stream's list forward from `head` and backward from `tail` gives the same
///    trackers, `count` of them, each of which has the stream as a side;
/// 3. an empty list has `head == tail == .none` and `count == 0`.
@usableFromInline
struct TrackerLists {
    // Per stream.
    @usableFromInline let head: FixedBuffer<TrackerSlot>
    @usableFromInline let tail: FixedBuffer<TrackerSlot>
    @usableFromInline let count: FixedBuffer<Int32>
    // Per tracker.
    @usableFromInline let sideA: FixedBuffer<StreamSlot>
    @usableFromInline let sideB: FixedBuffer<StreamSlot>
    @usableFromInline let nextOfA: FixedBuffer<TrackerSlot>
    @usableFromInline let previousOfA: FixedBuffer<TrackerSlot>
    @usableFromInline let nextOfB: FixedBuffer<TrackerSlot>
    @usableFromInline let previousOfB: FixedBuffer<TrackerSlot>

    /// The first tracker of `stream`'s list, or `.none`.
    @inline(__always)
    @inlinable func first(of stream: StreamSlot) -> TrackerSlot { head[stream.index] }

    /// The tracker after `tracker` in `stream`'s list (a side of `tracker`), or `.none`.
    @inline(__always)
    @inlinable func next(after tracker: TrackerSlot, in stream: StreamSlot) -> TrackerSlot {
        sideA[tracker.index] == stream ? nextOfA[tracker.index] : nextOfB[tracker.index]
    }

    /// How many trackers `stream`'s list holds.
    @inline(__always)
    @inlinable func count(of stream: StreamSlot) -> Int32 { count[stream.index] }

    /// Sets a new tracker's sides; it is in no list yet.
    @inline(__always)
    @inlinable func setSides(of tracker: TrackerSlot, _ a: StreamSlot, _ b: StreamSlot) {
        sideA[tracker.index] = a
        sideB[tracker.index] = b
    }

    /// Appends `tracker` to `stream`'s list; `stream` is one of its sides.
    @inlinable func append(_ tracker: TrackerSlot, to stream: StreamSlot) {
        let last = tail[stream.index]
        if sideA[tracker.index] == stream {
            previousOfA[tracker.index] = last
            nextOfA[tracker.index] = .none
        } else {
            previousOfB[tracker.index] = last
            nextOfB[tracker.index] = .none
        }
        if last.isNone {
            head[stream.index] = tracker
        } else {
            setNext(of: last, in: stream, to: tracker)
        }
        tail[stream.index] = tracker
        count[stream.index] += 1
        assert(problem(of: stream) == nil, "a tracker list is broken after an append")
    }

    /// Takes `tracker` out of `stream`'s list; `stream` is one of its sides.
    @inlinable func unlink(_ tracker: TrackerSlot, from stream: StreamSlot) {
        let isSideA = sideA[tracker.index] == stream
        let previous = isSideA ? previousOfA[tracker.index] : previousOfB[tracker.index]
        let next = isSideA ? nextOfA[tracker.index] : nextOfB[tracker.index]
        if previous.isNone {
            head[stream.index] = next
        } else {
            setNext(of: previous, in: stream, to: next)
        }
        if next.isNone {
            tail[stream.index] = previous
        } else if sideA[next.index] == stream {
            previousOfA[next.index] = previous
        } else {
            previousOfB[next.index] = previous
        }
        count[stream.index] -= 1
        assert(problem(of: stream) == nil, "a tracker list is broken after an unlink")
    }

    /// Marks a released tracker: it has no sides.
    @inline(__always)
    @inlinable func clearSides(of tracker: TrackerSlot) {
        sideA[tracker.index] = .none
        sideB[tracker.index] = .none
    }

    @inline(__always)
    @inlinable func setNext(of tracker: TrackerSlot, in stream: StreamSlot, to next: TrackerSlot) {
        if sideA[tracker.index] == stream {
            nextOfA[tracker.index] = next
        } else {
            nextOfB[tracker.index] = next
        }
    }

    /// The first broken invariant of `stream`'s list (2 and 3 above), or nil. Walks the list.
    @inlinable func problem(of stream: StreamSlot) -> StaticString? {
        var tracker = head[stream.index]
        var previous = TrackerSlot.none
        var walked: Int32 = 0
        while !tracker.isNone {
            let a = sideA[tracker.index], b = sideB[tracker.index]
            guard a == stream || b == stream else { return "a stream lists a tracker of other streams" }
            let back = a == stream ? previousOfA[tracker.index] : previousOfB[tracker.index]
            guard back == previous else { return "a tracker list's backward link is wrong" }
            walked += 1
            guard walked <= Int32(sideA.count) else { return "a tracker list has a cycle" }
            previous = tracker
            tracker = next(after: tracker, in: stream)
        }
        guard previous == tail[stream.index] else { return "a tracker list's tail is wrong" }
        guard walked == count[stream.index] else { return "a tracker list's count is wrong" }
        return nil
    }
}

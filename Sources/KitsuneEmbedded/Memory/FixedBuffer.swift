/// A fixed-size buffer of trivial values carved from a `MemoryArena` at start-up and never
/// resized: the engine's state lives in these, read and written in place, so that processing a
/// packet allocates nothing.
///
/// Unchecked inside, on purpose (as swift-collections' storage is): the engine derives every
/// index from its own bounded tables, and the hot loops cannot afford a check per access. Debug
/// builds check every index (`assert`), and the tables' invariants (`AfterImage.consistencyProblem`,
/// `TrackerLists`); the engine's public surface checks what comes from outside (slots, λ indices,
/// configurations) with preconditions.
@usableFromInline
final class FixedBuffer<Element> {
    @usableFromInline let count: Int
    /// The first element; the buffer holds `count` elements from here.
    @usableFromInline let base: UnsafeMutablePointer<Element>
    /// Keeps the memory alive as long as the buffer.
    @usableFromInline let arena: MemoryArena

    init(repeating value: Element, count: Int, in arena: MemoryArena) {
        precondition(count >= 0)
        self.count = count
        self.arena = arena
        base = arena.carve(Element.self, count: count)
        if !arena.isMeasuring { base.initialize(repeating: value, count: count) }
    }

    /// Whether the buffer has memory to write: not one carved from a measuring arena, whose
    /// constructors run only to be measured.
    var isWritable: Bool { !arena.isMeasuring }

    @inlinable @inline(__always)
    subscript(index: Int) -> Element {
        get {
            assert(index >= 0 && index < count, "FixedBuffer index out of range")
            return base[index]
        }
        set {
            assert(index >= 0 && index < count, "FixedBuffer index out of range")
            base[index] = newValue
        }
    }

    /// Sets every element to `value`.
    @inlinable func fill(_ value: Element) {
        base.update(repeating: value, count: count)
    }
}

/// A fixed-size buffer of trivial values carved from a `MemoryArena` at start-up and never
/// resized.
///
/// The engine's state lives in these: after construction, processing a packet reads and writes
/// them in place and allocates nothing. Indices are checked only in debug builds; the engine
/// derives every index from its own bounded tables.
public final class FixedBuffer<Element> {
    public let count: Int
    /// The first element; the buffer holds `count` elements from here.
    public let base: UnsafeMutablePointer<Element>
    /// Keeps the memory alive as long as the buffer.
    let arena: MemoryArena

    public init(repeating value: Element, count: Int, in arena: MemoryArena) {
        precondition(count >= 0)
        self.count = count
        self.arena = arena
        base = arena.carve(Element.self, count: count)
        if !arena.isMeasuring { base.initialize(repeating: value, count: count) }
    }

    /// A buffer whose element `i` is `value(i)` (nothing is computed in a measuring arena).
    public init(count: Int, in arena: MemoryArena, value: (Int) -> Element) {
        precondition(count >= 0)
        self.count = count
        self.arena = arena
        base = arena.carve(Element.self, count: count)
        if !arena.isMeasuring {
            for index in 0..<count { (base + index).initialize(to: value(index)) }
        }
    }


    @inline(__always)
    public subscript(index: Int) -> Element {
        get {
            assert(index >= 0 && index < count)
            return base[index]
        }
        set {
            assert(index >= 0 && index < count)
            base[index] = newValue
        }
    }

    /// Sets every element to `value`.
    public func fill(_ value: Element) {
        base.update(repeating: value, count: count)
    }

    /// The bytes this buffer takes.
    public var byteCount: Int { MemoryArena.footprint(Element.self, count: count) }
}

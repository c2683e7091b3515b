/// A fixed-size buffer of trivial values allocated once, at start-up, and never resized.
///
/// The engine's state lives in these: after construction, processing a packet reads and writes
/// them in place and allocates nothing. Indices are checked only in debug builds; the engine
/// derives every index from its own bounded tables.
public final class FixedBuffer<Element> {
    public let count: Int
    /// The first element; the buffer owns `count` elements from here.
    public let base: UnsafeMutablePointer<Element>

    public init(repeating value: Element, count: Int) {
        precondition(count >= 0)
        self.count = count
        base = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
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

    /// The bytes this buffer holds, for the memory plan.
    public var byteCount: Int { count * MemoryLayout<Element>.stride }
}

/// One mutable value carved from a `MemoryArena`: the engine's per-packet state (counters,
/// cursors, clocks) lives in these rather than in `var` properties of its classes.
///
/// Swift checks every access to a class's stored `var` for exclusivity at run time, since two
/// references may reach the same object; on the engine's hot path that was 3% of its
/// instructions. A cell is a `let` property holding a pointer: reading and writing it are a
/// load and a store. The engine runs on one thread and never lends a cell out, so there is
/// nothing for the check to find.
@usableFromInline
struct ArenaCell<Value> {
    @usableFromInline let pointer: UnsafeMutablePointer<Value>

    init(_ initial: Value, in arena: MemoryArena) {
        pointer = arena.carve(Value.self, count: 1)
        if !arena.isMeasuring { pointer.initialize(to: initial) }
    }

    @inlinable
    var value: Value {
        @inline(__always) get { pointer.pointee }
        @inline(__always) nonmutating set { pointer.pointee = newValue }
    }
}

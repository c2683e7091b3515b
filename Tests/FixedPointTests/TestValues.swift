/// Deterministic test values for this target's tests (xorshift64; the seed must not be 0). Each
/// test file shapes them into the values it needs in an extension of its own.
struct TestValues {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}

/// Bounds-checked big-endian reads from a captured frame. Every read that would leave the
/// captured bytes returns nil instead of trapping: a truncated or hostile frame is parsed as
/// far as it is valid.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer

    @inline(__always)
    var count: Int { bytes.count }

    @inline(__always)
    func has(_ length: Int, at offset: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= bytes.count - length
    }

    @inline(__always)
    func u8(_ offset: Int) -> UInt8? {
        has(1, at: offset) ? bytes[offset] : nil
    }

    @inline(__always)
    func u16(_ offset: Int) -> UInt16? {
        guard has(2, at: offset) else { return nil }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    @inline(__always)
    func u32(_ offset: Int) -> UInt32? {
        guard has(4, at: offset) else { return nil }
        var value: UInt32 = 0
        for index in offset..<(offset + 4) { value = value << 8 | UInt32(bytes[index]) }
        return value
    }

    @inline(__always)
    func u64(_ offset: Int) -> UInt64? {
        guard has(8, at: offset) else { return nil }
        var value: UInt64 = 0
        for index in offset..<(offset + 8) { value = value << 8 | UInt64(bytes[index]) }
        return value
    }

    /// The bytes from `offset` to `end` (clamped to what was captured), for a nested header.
    func slice(from offset: Int, to end: Int) -> ByteReader {
        let upper = min(end, bytes.count)
        guard offset >= 0, offset <= upper else {
            return ByteReader(bytes: UnsafeRawBufferPointer(rebasing: bytes[bytes.count..<bytes.count]))
        }
        return ByteReader(bytes: UnsafeRawBufferPointer(rebasing: bytes[offset..<upper]))
    }
}

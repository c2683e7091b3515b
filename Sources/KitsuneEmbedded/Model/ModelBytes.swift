/// Little-endian encoding of a model file's fields, the same on every host.
struct ModelWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func u64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func f64(_ value: Double) { u64(value.bitPattern) }

    mutating func scalar<Scalar: KitsuneScalar>(_ value: Scalar) {
        let bits = value.storedBits
        for index in 0..<Scalar.storedByteCount { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * index))) }
    }
}

/// Reads what `ModelWriter` wrote; every read checks the bounds and throws when past the end.
struct ModelReader {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    var remaining: Int { bytes.count - position }

    mutating func take(_ count: Int) throws(ModelFileError) -> UInt64 {
        guard count <= remaining else { throw .truncated }
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(bytes[position + index]) << UInt64(8 * index) }
        position += count
        return value
    }

    mutating func u8() throws(ModelFileError) -> UInt8 { UInt8(try take(1)) }
    mutating func u32() throws(ModelFileError) -> UInt32 { UInt32(try take(4)) }
    mutating func u64() throws(ModelFileError) -> UInt64 { try take(8) }
    mutating func f64() throws(ModelFileError) -> Double { Double(bitPattern: try take(8)) }

    /// A count that must be at most `limit` (corrupt files must not make the reader allocate).
    mutating func count(atMost limit: Int) throws(ModelFileError) -> Int {
        let value = try u32()
        guard value <= UInt32(limit) else { throw .corrupt("a count in the model is out of range") }
        return Int(value)
    }

    mutating func scalar<Scalar: KitsuneScalar>(_: Scalar.Type) throws(ModelFileError) -> Scalar {
        Scalar(storedBits: try take(Scalar.storedByteCount))
    }
}

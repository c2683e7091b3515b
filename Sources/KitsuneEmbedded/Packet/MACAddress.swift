/// A 48-bit Ethernet address, or the absence of one (a frame without an Ethernet header).
public struct MACAddress: Equatable, Hashable, Sendable {
    /// The six octets in network order in the low 48 bits; bit 48 marks "absent".
    public var rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public static let absent = MACAddress(rawValue: 1 << 48)

    public var isPresent: Bool { rawValue >> 48 == 0 }

    /// One station's address: present, and not a group (broadcast or multicast: the first
    /// octet's lowest bit).
    @inlinable public var isUnicast: Bool { isPresent && (rawValue >> 40) & 1 == 0 }

    /// Reads six octets at `offset`; the caller has checked that they are there.
    @inline(__always)
    init(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        var value: UInt64 = 0
        for index in offset..<(offset + 6) { value = value << 8 | UInt64(bytes[index]) }
        rawValue = value
    }
}

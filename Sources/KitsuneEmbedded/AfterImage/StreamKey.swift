/// The identity of a stream in one channel table, in binary.
///
/// The reference keys streams by string concatenation (`srcIP + srcPort`), where
/// `"10.0.0.1" + "80"` equals `"10.0.0.18" + "0"`; binary keys keep those apart and otherwise
/// name exactly the same streams: a host is the same stream whether it sends (1D key) or is
/// the partner of a 2D statistic.
public struct StreamKey: Equatable {
    public var word0: UInt64
    public var word1: UInt64
    public var word2: UInt64
    public var word3: UInt64
    /// Families and port kinds, so that keys of different shapes never compare equal.
    public var tags: UInt64

    @inlinable public init(word0: UInt64, word1: UInt64, word2: UInt64, word3: UInt64, tags: UInt64) {
        self.word0 = word0
        self.word1 = word1
        self.word2 = word2
        self.word3 = word3
        self.tags = tags
    }

    /// A host: the H table.
    @inlinable public static func host(_ address: NetworkAddress) -> StreamKey {
        StreamKey(word0: address.high, word1: address.low, word2: 0, word3: 0,
                  tags: UInt64(address.family.rawValue))
    }

    /// A MAC address and a host: the MI table.
    @inlinable public static func macAndHost(_ mac: MACAddress, _ address: NetworkAddress) -> StreamKey {
        StreamKey(word0: address.high, word1: address.low, word2: mac.rawValue, word3: 0,
                  tags: UInt64(address.family.rawValue))
    }

    /// A pair of hosts: the jitter table.
    @inlinable public static func hostPair(_ source: NetworkAddress, _ destination: NetworkAddress) -> StreamKey {
        StreamKey(word0: source.high, word1: source.low, word2: destination.high, word3: destination.low,
                  tags: UInt64(source.family.rawValue) | UInt64(destination.family.rawValue) << 8)
    }

    /// A host and port: the Hp table. ARP frames use their MAC address with no port, which is
    /// also the key of a non-IP frame's MAC-as-host (as in the reference).
    @inlinable public static func socket(_ address: NetworkAddress, _ port: PortField) -> StreamKey {
        StreamKey(word0: address.high, word1: address.low, word2: UInt64(port.value), word3: 0,
                  tags: UInt64(address.family.rawValue) | UInt64(port.kind.rawValue) << 8)
    }

    /// A well-mixed 64-bit hash (the multiply-xorshift finaliser of SplitMix64 over the words).
    @inline(__always)
    @inlinable public var hashValue64: UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* (tags &+ 1)
        h = Self.mix(h ^ word0)
        h = Self.mix(h ^ word1)
        h = Self.mix(h ^ word2)
        h = Self.mix(h ^ word3)
        return h
    }

    @inline(__always)
    @inlinable static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

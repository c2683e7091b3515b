/// A host as an incident names it: its MAC address and its network address together. An ARP
/// spoofer is named by its MAC (its packets carry another host's IP); a routed host by its IP
/// (every packet from beyond the router carries the router's MAC); the pair names both.
public struct HostIdentity: Equatable, Sendable {
    public var mac: MACAddress
    public var address: NetworkAddress

    @inlinable
    public init(mac: MACAddress, address: NetworkAddress) {
        self.mac = mac
        self.address = address
    }

    public static let none = HostIdentity(mac: .absent, address: .none)

    /// The sender of a packet.
    @inlinable
    public static func source(of record: PacketRecord) -> HostIdentity {
        HostIdentity(mac: record.sourceMAC, address: record.sourceAddress)
    }

    /// The receiver of a packet.
    @inlinable
    public static func destination(of record: PacketRecord) -> HostIdentity {
        HostIdentity(mac: record.destinationMAC, address: record.destinationAddress)
    }

    /// A 64-bit hash, for the incident tables' distinct counts.
    @inlinable
    var hashValue64: UInt64 {
        StreamKey.macAndHost(mac, address).hashValue64
    }

    /// Whether the two name the same host as a target: the same address, and the same MAC
    /// unless one of them is no station's (a host asked for by ARP broadcast, then reached at its
    /// own MAC, is one target; another MAC sending as its address is not that host).
    @inlinable
    func isSameTarget(as other: HostIdentity) -> Bool {
        guard address.isPresent && other.address.isPresent else { return self == other }
        return address == other.address && (mac == other.mac || !mac.isUnicast || !other.mac.isUnicast)
    }

    /// A 64-bit hash for counting distinct targets: by address (so a target asked for by
    /// broadcast and reached at its MAC counts once).
    @inlinable
    var targetHash: UInt64 {
        address.isPresent ? StreamKey.host(address).hashValue64 : hashValue64
    }
}

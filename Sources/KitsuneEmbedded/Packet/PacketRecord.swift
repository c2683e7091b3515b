/// What Kitsune knows of one packet: the record of the reference, section 1.
///
/// The addresses and ports are already resolved the way the reference resolves them: ARP
/// frames carry their protocol addresses and the `arp` marker, ICMP without ports carries the
/// `icmp` marker, and frames with neither IP addresses nor ports use their MAC addresses as
/// host addresses.
public struct PacketRecord: Equatable {
    /// Capture time, nanoseconds since the epoch, within `PacketTime`'s range.
    public var timestamp: Int64
    /// The packet's length on the wire (pcap `orig_len`), not the captured length.
    public var wireLength: UInt32
    public var sourceMAC: MACAddress
    public var destinationMAC: MACAddress
    public var sourceAddress: NetworkAddress
    public var destinationAddress: NetworkAddress
    public var sourcePort: PortField
    public var destinationPort: PortField
    /// The outermost transport seen, for alerts; not part of the features.
    public var transport: TransportProtocol

    /// `timestamp` is limited to `PacketTime`'s range.
    public init(timestamp: Int64, wireLength: UInt32) {
        self.timestamp = PacketTime.limited(timestamp)
        self.wireLength = wireLength
        sourceMAC = .absent
        destinationMAC = .absent
        sourceAddress = .none
        destinationAddress = .none
        sourcePort = .none
        destinationPort = .none
        transport = .other
    }
}

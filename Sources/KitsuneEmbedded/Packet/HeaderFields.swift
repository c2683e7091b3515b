/// The header fields the reference reads from tshark, each the FIRST occurrence in the frame,
/// gathered while the parser walks the headers from the outside in.
struct HeaderFields {
    var sourceMAC = MACAddress.absent
    var destinationMAC = MACAddress.absent
    var ipv4Source: UInt32? = nil
    var ipv4Destination: UInt32 = 0
    var ipv6Source: (UInt64, UInt64)? = nil
    var ipv6Destination: (UInt64, UInt64) = (0, 0)
    var tcpPorts: (UInt16, UInt16)? = nil
    var udpPorts: (UInt16, UInt16)? = nil
    var hasICMPv4 = false
    var hasARP = false
    /// ARP sender and target protocol addresses, when the ARP frame maps IPv4.
    var arpSource: UInt32? = nil
    var arpDestination: UInt32? = nil
    var transport = TransportProtocol.other
    var outcome = ParseOutcome.complete

    mutating func note(_ problem: ParseOutcome) {
        if outcome == .complete { outcome = problem }
    }

    mutating func noteTransport(_ value: TransportProtocol) {
        if transport == .other || transport == .ip { transport = value }
    }

    /// Applies the reference's rules (section 1) to turn the fields into a record.
    func record(timestamp: Int64, wireLength: UInt32) -> PacketRecord {
        var record = PacketRecord(timestamp: timestamp, wireLength: wireLength)
        record.sourceMAC = sourceMAC
        record.destinationMAC = destinationMAC
        record.transport = transport
        if let source = ipv4Source {
            record.sourceAddress = .ipv4(source)
            record.destinationAddress = .ipv4(ipv4Destination)
        } else if let source = ipv6Source {
            record.sourceAddress = NetworkAddress(family: .ipv6, high: source.0, low: source.1)
            record.destinationAddress = NetworkAddress(
                family: .ipv6, high: ipv6Destination.0, low: ipv6Destination.1)
        }
        switch (tcpPorts, udpPorts) {
        case let (tcp?, udp?):
            // Quirk: the reference concatenates the TCP and UDP port strings.
            record.sourcePort = PortField(kind: .tcpThenUDP, value: UInt32(tcp.0) << 16 | UInt32(udp.0))
            record.destinationPort = PortField(kind: .tcpThenUDP, value: UInt32(tcp.1) << 16 | UInt32(udp.1))
        case let (tcp?, nil):
            record.sourcePort = .number(tcp.0)
            record.destinationPort = .number(tcp.1)
        case let (nil, udp?):
            record.sourcePort = .number(udp.0)
            record.destinationPort = .number(udp.1)
        case (nil, nil):
            if hasARP {
                record.sourcePort = .arp
                record.destinationPort = .arp
                record.sourceAddress = arpSource.map { .ipv4($0) } ?? .none
                record.destinationAddress = arpDestination.map { .ipv4($0) } ?? .none
            } else if hasICMPv4 {
                record.sourcePort = .icmp
                record.destinationPort = .icmp
            } else if !record.sourceAddress.isPresent && !record.destinationAddress.isPresent {
                record.sourceAddress = .mac(sourceMAC)
                record.destinationAddress = .mac(destinationMAC)
            }
        }
        return record
    }
}

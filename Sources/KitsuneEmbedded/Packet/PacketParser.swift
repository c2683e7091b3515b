/// Turns a captured frame into Kitsune's record, the way the reference's tshark fields do.
///
/// It walks the headers from the link layer inwards and keeps the first occurrence of every
/// field: 802.1Q/802.1ad tags are looked through, IP-in-IP tunnels are entered, and the IP
/// header quoted by an ICMP or ICMPv6 error message is read, so that (as in the reference) such
/// an error carries the quoted ports. It never traps and never reads outside the captured bytes.
public struct PacketParser {
    public let linkType: LinkType

    public init(linkType: LinkType) {
        self.linkType = linkType
    }

    /// Nested headers (tags, tunnels, quoted headers) followed at the most: a frame of nested
    /// tunnels cannot make the parser recurse without bound.
    static let maximumNesting = 8

    public func parse(_ bytes: UnsafeRawBufferPointer, timestamp: Int64, wireLength: UInt32) -> ParsedPacket {
        var fields = HeaderFields()
        let frame = ByteReader(bytes: bytes)
        switch linkType {
        case .ethernet:
            parseEthernet(frame, into: &fields)
        case .linuxCooked:
            parseLinuxCooked(frame, into: &fields)
        case .linuxCooked2:
            parseLinuxCooked2(frame, into: &fields)
        case .rawIP:
            parseIP(frame, depth: 0, into: &fields)
        case .null:
            parseNull(frame, into: &fields)
        case .unsupported:
            fields.note(.unsupportedLink)
        }
        return ParsedPacket(record: fields.record(timestamp: timestamp, wireLength: wireLength),
                            outcome: fields.outcome)
    }

    // MARK: Link layers

    func parseEthernet(_ frame: ByteReader, into fields: inout HeaderFields) {
        guard frame.has(14, at: 0), var etherType = frame.u16(12) else {
            return fields.note(.truncated)
        }
        fields.destinationMAC = MACAddress(frame.bytes, at: 0)
        fields.sourceMAC = MACAddress(frame.bytes, at: 6)
        var offset = 14
        var tags = 0
        // 802.1Q, 802.1ad and the older QinQ type: a 4-byte tag, then the next type.
        while etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100 {
            guard tags < Self.maximumNesting, let next = frame.u16(offset + 2) else {
                return fields.note(.truncated)
            }
            etherType = next
            offset += 4
            tags += 1
        }
        if etherType < 0x0600 {
            // IEEE 802.3 length field: LLC follows; SNAP (AA AA 03) carries an EtherType.
            guard frame.u8(offset) == 0xAA, frame.u8(offset + 1) == 0xAA, frame.u8(offset + 2) == 0x03,
                  let snapType = frame.u16(offset + 6) else { return }
            etherType = snapType
            offset += 8
        }
        parseEtherType(etherType, frame.slice(from: offset, to: frame.count), into: &fields)
    }

    func parseEtherType(_ etherType: UInt16, _ payload: ByteReader, into fields: inout HeaderFields) {
        switch etherType {
        case 0x0800, 0x86DD: parseIP(payload, depth: 0, into: &fields)
        case 0x0806: parseARP(payload, into: &fields)
        default: break
        }
    }

    /// Linux cooked capture v1: 16 bytes, the sender's link address and the EtherType.
    func parseLinuxCooked(_ frame: ByteReader, into fields: inout HeaderFields) {
        guard let hardwareType = frame.u16(2), let addressLength = frame.u16(4),
              let etherType = frame.u16(14) else { return fields.note(.truncated) }
        if hardwareType == 1 && addressLength == 6 {
            fields.sourceMAC = MACAddress(frame.bytes, at: 6)
        }
        parseEtherType(etherType, frame.slice(from: 16, to: frame.count), into: &fields)
    }

    /// Linux cooked capture v2: 20 bytes, the EtherType first.
    func parseLinuxCooked2(_ frame: ByteReader, into fields: inout HeaderFields) {
        guard let etherType = frame.u16(0), let hardwareType = frame.u16(8),
              let addressLength = frame.u8(11), frame.has(20, at: 0) else { return fields.note(.truncated) }
        if hardwareType == 1 && addressLength == 6 {
            fields.sourceMAC = MACAddress(frame.bytes, at: 12)
        }
        parseEtherType(etherType, frame.slice(from: 20, to: frame.count), into: &fields)
    }

    /// BSD loopback: a 4-byte address family in the capturing host's byte order.
    func parseNull(_ frame: ByteReader, into fields: inout HeaderFields) {
        guard frame.has(4, at: 0) else { return fields.note(.truncated) }
        parseIP(frame.slice(from: 4, to: frame.count), depth: 0, into: &fields)
    }

    // MARK: ARP

    func parseARP(_ packet: ByteReader, into fields: inout HeaderFields) {
        guard let protocolType = packet.u16(2), let hardwareLength = packet.u8(4),
              let protocolLength = packet.u8(5), packet.u16(6) != nil else {
            return fields.note(.truncated)
        }
        fields.hasARP = true
        fields.noteTransport(.arp)
        guard protocolType == 0x0800 && protocolLength == 4 else { return }
        let hardware = Int(hardwareLength)
        let senderProtocol = 8 + hardware
        let targetProtocol = senderProtocol + 4 + hardware
        guard let sender = packet.u32(senderProtocol), let target = packet.u32(targetProtocol) else {
            return fields.note(.truncated)
        }
        if fields.arpSource == nil {
            fields.arpSource = sender
            fields.arpDestination = target
        }
    }
}

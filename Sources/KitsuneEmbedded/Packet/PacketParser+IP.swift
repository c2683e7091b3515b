extension PacketParser {
    /// An IPv4 or IPv6 packet, told apart by its version nibble.
    func parseIP(_ packet: ByteReader, depth: Int, into fields: inout HeaderFields) {
        guard depth < Self.maximumNesting else { return }
        guard let first = packet.u8(0) else { return fields.note(.truncated) }
        switch first >> 4 {
        case 4: parseIPv4(packet, depth: depth, into: &fields)
        case 6: parseIPv6(packet, depth: depth, into: &fields)
        default: fields.note(.malformed)
        }
    }

    func parseIPv4(_ packet: ByteReader, depth: Int, into fields: inout HeaderFields) {
        guard let versionAndLength = packet.u8(0), let totalLength = packet.u16(2),
              let fragment = packet.u16(6), let protocolNumber = packet.u8(9),
              let source = packet.u32(12), let destination = packet.u32(16) else {
            return fields.note(.truncated)
        }
        let headerLength = Int(versionAndLength & 0x0F) * 4
        guard headerLength >= 20, Int(totalLength) >= headerLength else {
            return fields.note(.malformed)
        }
        if fields.ipv4Source == nil {
            fields.ipv4Source = source
            fields.ipv4Destination = destination
        }
        fields.noteTransport(.ip)
        // Only the first fragment carries the transport header.
        guard fragment & 0x1FFF == 0 else { return }
        guard packet.has(headerLength, at: 0) else { return fields.note(.truncated) }
        let payload = packet.slice(from: headerLength, to: Int(totalLength))
        parseTransport(protocolNumber, payload, isIPv6: false, depth: depth, into: &fields)
    }

    func parseIPv6(_ packet: ByteReader, depth: Int, into fields: inout HeaderFields) {
        guard let payloadLength = packet.u16(4), var nextHeader = packet.u8(6),
              let sourceHigh = packet.u64(8), let sourceLow = packet.u64(16),
              let destinationHigh = packet.u64(24), let destinationLow = packet.u64(32) else {
            return fields.note(.truncated)
        }
        if fields.ipv6Source == nil {
            fields.ipv6Source = (sourceHigh, sourceLow)
            fields.ipv6Destination = (destinationHigh, destinationLow)
        }
        fields.noteTransport(.ip)
        // A jumbogram says 0 here; read to the end of what was captured then.
        let end = payloadLength == 0 ? packet.count : 40 + Int(payloadLength)
        var offset = 40
        var extensions = 0
        while extensions < Self.maximumNesting {
            switch nextHeader {
            case 0, 43, 60, 135, 139, 140:
                // Hop-by-hop, routing, destination options, mobility, HIP, shim6: (n + 1) * 8 bytes.
                guard let next = packet.u8(offset), let length = packet.u8(offset + 1) else {
                    return fields.note(.truncated)
                }
                nextHeader = next
                offset += (Int(length) + 1) * 8
            case 51:
                // Authentication header: (n + 2) * 4 bytes.
                guard let next = packet.u8(offset), let length = packet.u8(offset + 1) else {
                    return fields.note(.truncated)
                }
                nextHeader = next
                offset += (Int(length) + 2) * 4
            case 44:
                // Fragment header: only the first fragment carries the transport header.
                guard let next = packet.u8(offset), let fragment = packet.u16(offset + 2) else {
                    return fields.note(.truncated)
                }
                guard fragment & 0xFFF8 == 0 else { return }
                nextHeader = next
                offset += 8
            default:
                let payload = packet.slice(from: offset, to: end)
                return parseTransport(nextHeader, payload, isIPv6: true, depth: depth, into: &fields)
            }
            extensions += 1
        }
    }

    func parseTransport(_ protocolNumber: UInt8, _ payload: ByteReader, isIPv6: Bool, depth: Int,
                        into fields: inout HeaderFields) {
        switch protocolNumber {
        case 6:
            fields.noteTransport(.tcp)
            guard let source = payload.u16(0), let destination = payload.u16(2) else {
                return fields.note(.truncated)
            }
            if fields.tcpPorts == nil { fields.tcpPorts = (source, destination) }
        case 17:
            fields.noteTransport(.udp)
            guard let source = payload.u16(0), let destination = payload.u16(2) else {
                return fields.note(.truncated)
            }
            if fields.udpPorts == nil { fields.udpPorts = (source, destination) }
        case 1 where !isIPv6:
            fields.noteTransport(.icmp)
            guard let type = payload.u8(0) else { return fields.note(.truncated) }
            fields.hasICMPv4 = true
            // Destination unreachable, source quench, redirect, time exceeded, parameter problem
            // quote the offending IP header and the start of its payload after 8 bytes.
            if type == 3 || type == 4 || type == 5 || type == 11 || type == 12 {
                parseQuoted(payload, depth: depth, into: &fields)
            }
        case 58 where isIPv6:
            fields.noteTransport(.icmpv6)
            guard let type = payload.u8(0) else { return fields.note(.truncated) }
            // ICMPv6 errors (types 1 to 4) quote the offending packet after 8 bytes.
            if type >= 1 && type <= 4 {
                parseQuoted(payload, depth: depth, into: &fields)
            }
        case 4, 41:
            // IP in IP, IPv6 in IP: the inner header's fields count where the outer has none.
            parseIP(payload, depth: depth + 1, into: &fields)
        default:
            break
        }
    }

    /// The IP header an ICMP error quotes. Its fields count only where the outer packet had
    /// none; a quote cut short is normal (the quote itself is limited), so it is not a failure.
    func parseQuoted(_ payload: ByteReader, depth: Int, into fields: inout HeaderFields) {
        guard payload.has(9, at: 0) else { return }
        var quoted = fields
        parseIP(payload.slice(from: 8, to: payload.count), depth: depth + 1, into: &quoted)
        quoted.outcome = fields.outcome
        quoted.transport = fields.transport
        fields = quoted
    }
}

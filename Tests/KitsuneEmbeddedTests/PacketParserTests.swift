import KitsuneEmbedded
import Testing

/// The parser on hand-made frames of every shape it reads: the record must be the one the
/// reference's tshark fields give (reference section 1), and nothing may trap.
struct PacketParserTests {
    let hostA = ip(10, 0, 0, 1)
    let hostB = ip(10, 0, 0, 2)

    func parse(_ frame: FrameBuilder, link: LinkType = .ethernet, wireLength: UInt32? = nil) -> ParsedPacket {
        frame.bytes.withUnsafeBytes {
            PacketParser(linkType: link).parse($0, timestamp: 1_000, wireLength: wireLength ?? UInt32(frame.bytes.count))
        }
    }

    @Test func ethernetIPv4TCP() {
        var frame = FrameBuilder()
        frame.ethernet(type: 0x0800)
        frame.ipv4(protocol: 6, source: hostA, destination: hostB, payload: 20)
        frame.ports(43686, 1883, length: 20)
        let parsed = parse(frame, wireLength: 1514)
        #expect(parsed.outcome == .complete)
        let record = parsed.record
        #expect(record.wireLength == 1514)
        #expect(record.timestamp == 1_000)
        #expect(record.sourceMAC.rawValue == 0x021a_1100_000a)
        #expect(record.destinationMAC.rawValue == 0x021a_1100_000b)
        #expect(record.sourceAddress == .ipv4(hostA))
        #expect(record.destinationAddress == .ipv4(hostB))
        #expect(record.sourcePort == .number(43686))
        #expect(record.destinationPort == .number(1883))
        #expect(record.transport == .tcp)
    }

    @Test func ipv4OptionsMoveTheTransportHeader() {
        var frame = FrameBuilder()
        frame.ethernet(type: 0x0800)
        frame.ipv4(protocol: 17, source: hostA, destination: hostB, payload: 8, optionWords: 2)
        frame.ports(53, 5353, length: 8)
        let record = parse(frame).record
        #expect(record.sourcePort == .number(53))
        #expect(record.destinationPort == .number(5353))
    }

    @Test func vlanAndQinQTagsAreLookedThrough() {
        for tags: [UInt16] in [[0x8100], [0x88A8, 0x8100], [0x9100, 0x8100]] {
            var frame = FrameBuilder()
            frame.ethernet(type: 0x0800, tags: tags)
            frame.ipv4(protocol: 17, source: hostA, destination: hostB, payload: 8)
            frame.ports(1000, 2000, length: 8)
            let parsed = parse(frame)
            #expect(parsed.outcome == .complete)
            #expect(parsed.record.sourceAddress == .ipv4(hostA), "tags \(tags)")
            #expect(parsed.record.destinationPort == .number(2000), "tags \(tags)")
        }
    }

    @Test func arpCarriesItsProtocolAddressesAndTheArpMarker() {
        var frame = FrameBuilder()
        frame.ethernet(type: 0x0806)
        frame.u16(1)
        frame.u16(0x0800)
        frame.u8(6)
        frame.u8(4)
        frame.u16(1)  // request
        frame.raw(FrameBuilder.macA)
        frame.u32(hostA)
        frame.zeros(6)
        frame.u32(hostB)
        let record = parse(frame).record
        #expect(record.sourcePort == .arp && record.destinationPort == .arp)
        #expect(record.sourceAddress == .ipv4(hostA))
        #expect(record.destinationAddress == .ipv4(hostB))
        #expect(record.transport == .arp)
    }

    @Test func icmpWithoutPortsGetsTheIcmpMarker() {
        var frame = FrameBuilder()
        frame.ethernet(type: 0x0800)
        frame.ipv4(protocol: 1, source: hostA, destination: hostB, payload: 8)
        frame.raw([8, 0, 0, 0, 0, 1, 0, 1])  // echo request
        let record = parse(frame).record
        #expect(record.sourcePort == .icmp && record.destinationPort == .icmp)
        #expect(record.sourceAddress == .ipv4(hostA))
        #expect(record.transport == .icmp)
    }

    /// Quirk: an ICMP error quoting a UDP header carries the quoted ports, and no `icmp` marker;
    /// the addresses stay the outer ones (first occurrence).
    @Test func icmpErrorCarriesTheQuotedPorts() {
        var frame = FrameBuilder()
        frame.ethernet(type: 0x0800)
        frame.ipv4(protocol: 1, source: hostB, destination: hostA, payload: 8 + 28)
        frame.raw([3, 3, 0, 0, 0, 0, 0, 0])  // port unreachable
        frame.ipv4(protocol: 17, source: hostA, destination: ip(10, 0, 0, 9), payload: 8)
        frame.ports(40000, 1900, length: 8)
        let record = parse(frame).record
        #expect(record.sourceAddress == .ipv4(hostB))
        #expect(record.destinationAddress == .ipv4(hostA))
        #expect(record.sourcePort == .number(40000))
        #expect(record.destinationPort == .number(1900))
        #expect(record.transport == .icmp)
    }

    @Test func ipv6ExtensionHeadersAndFragments() {
        let source: (UInt64, UInt64) = (0xfe80_0000_0000_0000, 1)
        let destination: (UInt64, UInt64) = (0xff02_0000_0000_0000, 0x16)
        for (fragmentOffset, expectsPorts) in [(UInt16(0), true), (UInt16(0x0100), false)] {
            var frame = FrameBuilder()
            frame.ethernet(type: 0x86DD)
            frame.ipv6(next: 0, source: source, destination: destination, payload: 8 + 8 + 8)
            frame.raw([44, 0, 1, 4, 0, 0, 0, 0])  // hop-by-hop, next: fragment
            frame.u8(17)
            frame.u8(0)
            frame.u16(fragmentOffset)
            frame.u32(7)
            frame.ports(546, 547, length: 8)
            let record = parse(frame).record
            #expect(record.sourceAddress == NetworkAddress(family: .ipv6, high: source.0, low: source.1))
            #expect(record.destinationAddress == NetworkAddress(family: .ipv6, high: destination.0, low: destination.1))
            #expect(record.sourcePort == (expectsPorts ? .number(546) : .none), "fragment offset \(fragmentOffset)")
        }
    }

    /// ICMPv6 is not `icmp`: IPv6 addresses and empty ports.
    @Test func icmpv6HasAddressesAndNoPorts() {
        var frame = FrameBuilder()
        frame.ethernet(type: 0x86DD)
        frame.ipv6(next: 58, source: (0, 0), destination: (0xff02_0000_0000_0000, 0x1_ff00_0032), payload: 8)
        frame.raw([135, 0, 0, 0, 0, 0, 0, 0])
        let record = parse(frame).record
        #expect(record.sourceAddress == NetworkAddress(family: .ipv6, high: 0, low: 0))
        #expect(record.sourcePort == .none)
        #expect(record.transport == .icmpv6)
    }

    @Test func nonFirstIPv4FragmentHasNoPorts() {
        var frame = FrameBuilder()
        frame.ethernet(type: 0x0800)
        frame.ipv4(protocol: 17, source: hostA, destination: hostB, payload: 8, fragment: 185)
        frame.ports(1, 2, length: 8)
        let record = parse(frame).record
        #expect(record.sourceAddress == .ipv4(hostA))
        #expect(record.sourcePort == .none)
    }

    @Test func framesWithoutIPUseTheirMACsAsHosts() {
        var frame = FrameBuilder()
        frame.ethernet(type: 0x88CC)  // LLDP
        frame.zeros(20)
        let record = parse(frame).record
        #expect(record.sourceAddress == .mac(MACAddress(rawValue: 0x021a_1100_000a)))
        #expect(record.destinationAddress == .mac(MACAddress(rawValue: 0x021a_1100_000b)))
        #expect(record.sourcePort == .none)
    }

    @Test func linuxCookedAndRawIPLinks() {
        var ip = FrameBuilder()
        ip.ipv4(protocol: 6, source: hostA, destination: hostB, payload: 20)
        ip.ports(22, 50000, length: 20)

        var sll = FrameBuilder()
        sll.u16(0)  // to us
        sll.u16(1)  // ARPHRD_ETHER
        sll.u16(6)
        sll.raw(FrameBuilder.macA + [0, 0])
        sll.u16(0x0800)
        sll.raw(ip.bytes)
        let cooked = parse(sll, link: .linuxCooked).record
        #expect(cooked.sourceMAC.rawValue == 0x021a_1100_000a)
        #expect(cooked.sourcePort == .number(22))

        var sll2 = FrameBuilder()
        sll2.u16(0x0800)
        sll2.u16(0)
        sll2.u32(3)  // interface index
        sll2.u16(1)
        sll2.u8(0)
        sll2.u8(6)
        sll2.raw(FrameBuilder.macA + [0, 0])
        sll2.raw(ip.bytes)
        let cooked2 = parse(sll2, link: .linuxCooked2).record
        #expect(cooked2.sourceMAC.rawValue == 0x021a_1100_000a)
        #expect(cooked2.destinationPort == .number(50000))

        let raw = parse(ip, link: .rawIP).record
        #expect(!raw.sourceMAC.isPresent)
        #expect(raw.sourceAddress == .ipv4(hostA))
        #expect(raw.sourcePort == .number(22))
    }

    @Test func truncatedAndMalformedHeadersAreReportedNotTrapped() {
        var full = FrameBuilder()
        full.ethernet(type: 0x0800)
        full.ipv4(protocol: 6, source: hostA, destination: hostB, payload: 20)
        full.ports(1, 2, length: 20)
        // Cut inside the Ethernet header, the IPv4 header, and the TCP ports.
        for (cut, expected) in [(10, ParseOutcome.truncated), (20, .truncated), (35, .truncated)] {
            var frame = FrameBuilder()
            frame.raw(Array(full.bytes.prefix(cut)))
            #expect(parse(frame).outcome == expected, "cut at \(cut)")
        }
        // Cut after the ports: the record is complete.
        var ports = FrameBuilder()
        ports.raw(Array(full.bytes.prefix(38)))
        #expect(parse(ports).outcome == .complete)
        #expect(parse(ports).record.destinationPort == .number(2))

        var badLength = full
        badLength.bytes[14] = 0x44  // IHL 4: shorter than the fixed header
        #expect(parse(badLength).outcome == .malformed)
        #expect(parse(badLength).record.sourcePort == .none)

        var unsupported = FrameBuilder()
        unsupported.raw(full.bytes)
        #expect(parse(unsupported, link: .unsupported(147)).outcome == .unsupportedLink)
    }

    /// A million random frames on every link type: the parser must return, whatever they hold.
    @Test func randomFramesNeverTrap() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        var buffer = [UInt8](repeating: 0, count: 256)
        var complete = 0
        let links: [LinkType] = [.ethernet, .linuxCooked, .linuxCooked2, .rawIP, .null]
        for round in 0..<1_000_000 {
            let length = Int(next() % 200)
            for index in 0..<length { buffer[index] = UInt8(truncatingIfNeeded: next()) }
            // Steer a share of frames into the IP and ARP parsers.
            if length > 14 && round % 2 == 0 {
                let types: [UInt8] = [0x08, 0x86, 0x81]
                buffer[12] = types[round % 3]
                buffer[13] = round % 3 == 0 ? 0x00 : (round % 3 == 1 ? 0xDD : 0x00)
                buffer[14] = round % 4 == 0 ? 0x45 : 0x60
            }
            let link = links[round % links.count]
            let parsed = buffer.withUnsafeBytes {
                PacketParser(linkType: link).parse(UnsafeRawBufferPointer(rebasing: $0[0..<length]),
                                                   timestamp: 0, wireLength: UInt32(length))
            }
            if parsed.outcome == .complete { complete += 1 }
        }
        #expect(complete > 0)
    }
}

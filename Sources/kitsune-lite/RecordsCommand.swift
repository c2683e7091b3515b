#if !KITSUNE_ROUTER
// A host tool: left out of router builds.
import KitsuneEmbedded

/// `kitsune-lite records`: how every packet was parsed, as the engine sees it.
enum RecordsCommand {
    static let usage = """
        Usage: kitsune-lite records CAPTURE [--out FILE]

        Writes the record Kitsune derives from every packet, as tab-separated text with the header
        packet, time_ns, wire_length, src_mac, dst_mac, src_ip, dst_ip, src_port, dst_port,
        protocol, outcome. Addresses and ports are resolved as the reference resolves them: ARP
        carries its protocol addresses and the port "arp", ICMP without ports the port "icmp",
        frames without IP their MAC addresses as hosts. Outcome says whether the headers could
        be read completely (complete, truncated, malformed, unsupported-link).

        Options:
          --out FILE               write to FILE (default: standard output)
        """

    static func run(_ words: ArraySlice<String>) throws(ProgramError) {
        let arguments = try CommandLineArguments(words, valued: ["--out"], flags: ["--help"])
        if arguments.has("--help") { return print(usage) }
        let path = try arguments.capturePath(command: "records")
        let capture = try CaptureFile(path: path)
        let output = try OutputFile(path: arguments.value("--out") ?? "-")
        let parser = PacketParser(linkType: capture.linkType)
        var line = TextBuffer(capacity: 256)
        line.append("packet\ttime_ns\twire_length\tsrc_mac\tdst_mac\tsrc_ip\tdst_ip\tsrc_port\tdst_port\tprotocol\toutcome\n")
        output.write(&line)
        var run = CaptureRun(capture: capture)
        var number: Int64 = 0
        run.forEachPacket { bytes, timestamp, wireLength in
            number += 1
            let parsed = parser.parse(bytes, timestamp: timestamp, wireLength: wireLength)
            let record = parsed.record
            let tab = UInt8(ascii: "\t")
            line.append(decimal: number)
            line.append(byte: tab)
            line.append(decimal: record.timestamp)
            line.append(byte: tab)
            line.append(unsigned: UInt64(record.wireLength))
            line.append(byte: tab)
            line.append(mac: record.sourceMAC)
            line.append(byte: tab)
            line.append(mac: record.destinationMAC)
            line.append(byte: tab)
            line.append(address: record.sourceAddress)
            line.append(byte: tab)
            line.append(address: record.destinationAddress)
            line.append(byte: tab)
            line.append(port: record.sourcePort)
            line.append(byte: tab)
            line.append(port: record.destinationPort)
            line.append(byte: tab)
            line.append(record.transport.name)
            line.append(byte: tab)
            line.append(parsed.outcome.name)
            line.append(byte: UInt8(ascii: "\n"))
            output.write(&line)
            return true
        }
        try run.requireCompleted()
        try output.commit()
        run.report()
        try run.requireAccepted()
    }
}

extension ParseOutcome {
    var name: StaticString {
        switch self {
        case .complete: return "complete"
        case .truncated: return "truncated"
        case .malformed: return "malformed"
        case .unsupportedLink: return "unsupported-link"
        }
    }
}
#endif

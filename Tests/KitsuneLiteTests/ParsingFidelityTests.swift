// `kitsune-lite records dev.pcap` against the per-packet tshark fields the reference parsed
// (`dev/reference/tshark-fields.tsv.gz`), resolved with the rules of kitsune-reference.md
// section 1.

import Foundation
import Testing

/// The resolved record of one frame, as strings (the form both sides are compared in).
struct ResolvedRecord: Equatable, CustomStringConvertible {
    var timeNs: Int64
    var wireLength: Int
    var srcMAC: String
    var dstMAC: String
    var srcIP: String
    var dstIP: String
    var srcPort: String
    var dstPort: String

    var description: String {
        "t=\(timeNs) len=\(wireLength) mac=\(srcMAC)>\(dstMAC) ip=\(srcIP)>\(dstIP) "
            + "port=\(srcPort)>\(dstPort)"
    }

    /// Names of the fields that differ from `other`.
    func differences(from other: ResolvedRecord) -> [String] {
        var d: [String] = []
        if timeNs != other.timeNs { d.append("time") }
        if wireLength != other.wireLength { d.append("length") }
        if srcMAC != other.srcMAC || dstMAC != other.dstMAC { d.append("mac") }
        if srcIP != other.srcIP || dstIP != other.dstIP { d.append("ip") }
        if srcPort != other.srcPort || dstPort != other.dstPort { d.append("port") }
        return d
    }
}

enum RecordParsing {
    static let tsharkColumns = [
        "frame.time_epoch", "frame.len", "eth.src", "eth.dst", "ip.src", "ip.dst",
        "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "icmp.type", "icmp.code",
        "arp.opcode", "arp.src.hw_mac", "arp.src.proto_ipv4", "arp.dst.hw_mac",
        "arp.dst.proto_ipv4", "ipv6.src", "ipv6.dst",
    ]

    static let recordsHeader =
        "packet\ttime_ns\twire_length\tsrc_mac\tdst_mac\tsrc_ip\tdst_ip\tsrc_port\tdst_port\tprotocol\toutcome"

    static let outcomes: Set<String> = ["complete", "truncated", "malformed", "unsupported-link"]

    /// `"1795913176.302542000"` -> nanoseconds since the epoch, exactly.
    static func nanoseconds(fromDecimalSeconds text: Substring) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let seconds = Int64(parts[0]) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 9, fraction.allSatisfy(\.isASCII), fraction.allSatisfy(\.isNumber)
        else { return nil }
        fraction += String(repeating: "0", count: 9 - fraction.count)
        guard let nanos = Int64(fraction) else { return nil }
        return seconds * 1_000_000_000 + nanos
    }

    /// The first of possibly several comma-separated values tshark printed for a field.
    static func first(_ field: Substring) -> String {
        if let comma = field.firstIndex(of: ",") { return String(field[..<comma]) }
        return String(field)
    }

    /// One tshark row resolved with the reference rules (Kitsune-py `FE.py`).
    static func resolve(tsharkRow fields: [Substring]) -> ResolvedRecord? {
        guard fields.count >= 19,
            let time = nanoseconds(fromDecimalSeconds: Substring(first(fields[0]))),
            let length = Int(first(fields[1]))
        else { return nil }
        let f = fields.map { first($0).lowercased() }
        var srcIP = ""
        var dstIP = ""
        if !f[4].isEmpty {
            srcIP = f[4]
            dstIP = f[5]
        } else if !f[17].isEmpty {
            srcIP = f[17]
            dstIP = f[18]
        }
        var srcPort = f[6] + f[8]
        var dstPort = f[7] + f[9]
        if srcPort.isEmpty {
            if !f[12].isEmpty {
                srcPort = "arp"
                dstPort = "arp"
                srcIP = f[14]
                dstIP = f[16]
            } else if !f[10].isEmpty {
                srcPort = "icmp"
                dstPort = "icmp"
            } else if (srcIP + srcPort + dstIP + dstPort).isEmpty {
                srcIP = f[2]
                dstIP = f[3]
            }
        }
        return ResolvedRecord(
            timeNs: time, wireLength: length, srcMAC: f[2], dstMAC: f[3], srcIP: srcIP,
            dstIP: dstIP, srcPort: srcPort, dstPort: dstPort)
    }

    /// The reference records of `dev.pcap`.
    static func referenceRecords() throws -> [ResolvedRecord] {
        let data = try readGzip(try Locations.devFile("reference/tshark-fields.tsv.gz"))
        let all = lines(of: data)
        guard let header = all.first else { throw SetupError("tshark-fields.tsv.gz is empty") }
        let names = header.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard names == tsharkColumns else {
            throw SetupError("tshark-fields.tsv.gz header is not the expected columns: \(names)")
        }
        var records: [ResolvedRecord] = []
        records.reserveCapacity(all.count)
        for (i, line) in all.dropFirst().enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard let record = resolve(tsharkRow: fields) else {
                throw SetupError("tshark-fields.tsv.gz line \(i + 2) does not parse: \(line)")
            }
            records.append(record)
        }
        return records
    }

    /// The `records` TSV of kitsune-lite. Returns the records, the outcome column, and problems
    /// found in the table's shape (at most 20 listed).
    static func parseRecordsTSV(_ data: Data) -> (
        header: String, records: [ResolvedRecord?], outcomes: [String], problems: [String],
        problemCount: Int
    ) {
        let all = lines(of: data)
        var records: [ResolvedRecord?] = []
        var outcomes: [String] = []
        var problems: [String] = []
        var problemCount = 0
        func problem(_ text: String) {
            problemCount += 1
            if problems.count < 20 { problems.append(text) }
        }
        guard let header = all.first else { return ("", [], [], ["no output"], 1) }
        let names = header.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        let required = [
            "packet", "time_ns", "wire_length", "src_mac", "dst_mac", "src_ip", "dst_ip",
            "src_port", "dst_port", "outcome",
        ]
        let missing = required.filter { column($0) == nil }
        guard missing.isEmpty else {
            return (String(header), [], [], ["header lacks columns \(missing): \(header)"], 1)
        }
        let cPacket = column("packet")!, cTime = column("time_ns")!, cLen = column("wire_length")!
        let cSrcMAC = column("src_mac")!, cDstMAC = column("dst_mac")!
        let cSrcIP = column("src_ip")!, cDstIP = column("dst_ip")!
        let cSrcPort = column("src_port")!, cDstPort = column("dst_port")!
        let cOutcome = column("outcome")!
        for (i, line) in all.dropFirst().enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == names.count else {
                problem("line \(i + 2): \(fields.count) fields, header has \(names.count): \(line)")
                records.append(nil)
                outcomes.append("")
                continue
            }
            if Int(fields[cPacket]) != i + 1 {
                problem("line \(i + 2): packet number \(fields[cPacket]), expected \(i + 1)")
            }
            outcomes.append(String(fields[cOutcome]))
            guard let time = Int64(fields[cTime]), let length = Int(fields[cLen]) else {
                problem("line \(i + 2): time_ns or wire_length not an integer: \(line)")
                records.append(nil)
                continue
            }
            records.append(
                ResolvedRecord(
                    timeNs: time, wireLength: length, srcMAC: fields[cSrcMAC].lowercased(),
                    dstMAC: fields[cDstMAC].lowercased(), srcIP: fields[cSrcIP].lowercased(),
                    dstIP: fields[cDstIP].lowercased(), srcPort: String(fields[cSrcPort]),
                    dstPort: String(fields[cDstPort])))
        }
        return (String(header), records, outcomes, problems, problemCount)
    }
}

@Suite struct ParsingFidelityTests {
    @Test func resolutionRulesOnHandMadeRows() throws {
        func row(_ values: [Int: String]) -> [Substring] {
            (0..<19).map { Substring(values[$0] ?? "") }
        }
        let base: [Int: String] = [0: "1.5", 1: "60", 2: "02:00:00:00:00:01", 3: "FF:FF:FF:FF:FF:FF"]
        // TCP over IPv4.
        var tcp = base
        tcp[4] = "10.0.0.1"; tcp[5] = "10.0.0.2"; tcp[6] = "80"; tcp[7] = "1234"
        let r1 = try #require(RecordParsing.resolve(tsharkRow: row(tcp)))
        #expect(r1.timeNs == 1_500_000_000 && r1.wireLength == 60)
        #expect(r1.srcIP == "10.0.0.1" && r1.dstPort == "1234" && r1.dstMAC == "ff:ff:ff:ff:ff:ff")
        // ARP: ports marked, IPs from the ARP protocol addresses.
        var arp = base
        arp[12] = "1"; arp[14] = "10.0.0.1"; arp[16] = "10.0.0.9"
        let r2 = try #require(RecordParsing.resolve(tsharkRow: row(arp)))
        #expect(r2.srcPort == "arp" && r2.dstPort == "arp" && r2.srcIP == "10.0.0.1" && r2.dstIP == "10.0.0.9")
        // ICMP without quoted ports.
        var icmp = base
        icmp[4] = "10.0.0.1"; icmp[5] = "10.0.0.2"; icmp[10] = "8"
        let r3 = try #require(RecordParsing.resolve(tsharkRow: row(icmp)))
        #expect(r3.srcPort == "icmp" && r3.srcIP == "10.0.0.1")
        // ICMP error quoting UDP: the inner ports win (quirk), several values take the first.
        var icmpErr = icmp
        icmpErr[4] = "10.0.0.1,10.0.0.2"; icmpErr[8] = "53"; icmpErr[9] = "4000"
        let r4 = try #require(RecordParsing.resolve(tsharkRow: row(icmpErr)))
        #expect(r4.srcPort == "53" && r4.dstPort == "4000" && r4.srcIP == "10.0.0.1")
        // IPv6 without ports: IPs, empty ports.
        var v6 = base
        v6[17] = "fe80::1"; v6[18] = "ff02::1"
        let r5 = try #require(RecordParsing.resolve(tsharkRow: row(v6)))
        #expect(r5.srcIP == "fe80::1" && r5.srcPort == "" && r5.dstPort == "")
        // Nothing at all: MACs stand in for IPs.
        let r6 = try #require(RecordParsing.resolve(tsharkRow: row(base)))
        #expect(r6.srcIP == "02:00:00:00:00:01" && r6.dstIP == "ff:ff:ff:ff:ff:ff")
        // TCP and UDP both present: concatenated.
        var both = tcp
        both[8] = "53"; both[9] = "99"
        let r7 = try #require(RecordParsing.resolve(tsharkRow: row(both)))
        #expect(r7.srcPort == "8053" && r7.dstPort == "123499")
        // Time with nine decimals.
        #expect(RecordParsing.nanoseconds(fromDecimalSeconds: "1795913176.302542001") == 1_795_913_176_302_542_001)
        #expect(RecordParsing.nanoseconds(fromDecimalSeconds: "12.5") == 12_500_000_000)
    }

    @Test func recordsOfDevCaptureMatchTshark() throws {
        let pcap = try Locations.devPcap()
        let reference = try RecordParsing.referenceRecords()
        #expect(reference.count == 66_935, "reference has \(reference.count) rows")

        let tmp = try TempDir()
        defer { tmp.remove() }
        let out = tmp.file("records.tsv")
        let run = try runKitsune(["records", pcap.path, "--out", out.path])
        try #require(run.exitedNormally && run.status == 0, "records failed: \(run)")
        let data = try Data(contentsOf: out)
        let table = RecordParsing.parseRecordsTSV(data)

        #expect(
            table.header == RecordParsing.recordsHeader,
            "records header is \(table.header.debugDescription), contract says \(RecordParsing.recordsHeader.debugDescription)")
        #expect(
            table.problemCount == 0,
            "\(table.problemCount) malformed lines in the records TSV: \(table.problems.joined(separator: "; "))")
        let rowCount = table.records.count
        #expect(
            rowCount == reference.count,
            "records has \(table.records.count) rows, tshark \(reference.count)")

        let badOutcomes = table.outcomes.enumerated().filter { !RecordParsing.outcomes.contains($0.element) }
        let badOutcomeCount = badOutcomes.count
        #expect(
            badOutcomeCount == 0,
            "\(badOutcomes.count) rows with an outcome outside \(RecordParsing.outcomes.sorted()), first: \(badOutcomes.prefix(5).map { "packet \($0.offset + 1): \($0.element.debugDescription)" })")

        let compared = min(table.records.count, reference.count)
        var equal = 0
        var fieldCounts: [String: Int] = [:]
        var examples: [String] = []
        for i in 0..<compared {
            let expected = reference[i]
            guard let got = table.records[i] else {
                fieldCounts["unparsable row", default: 0] += 1
                if examples.count < 20 { examples.append("packet \(i + 1): unparsable row") }
                continue
            }
            if got == expected {
                equal += 1
                continue
            }
            let diff = got.differences(from: expected)
            for name in diff { fieldCounts[name, default: 0] += 1 }
            if examples.count < 20 {
                examples.append(
                    "packet \(i + 1) [\(diff.joined(separator: ","))] outcome=\(table.outcomes[i])\n"
                        + "    got:      \(got)\n    expected: \(expected)")
            }
        }
        let total = reference.count
        print("[kitsune-lite tests] records: \(equal)/\(total) packets match tshark")
        let summary = fieldCounts.sorted { $0.value > $1.value }.map { "\($0.key): \($0.value)" }
            .joined(separator: ", ")
        // The claim: every packet's record is what tshark read.
        #expect(
            equal == total && total == 66_935,
            "only \(equal) of \(total) packets (\(percent(equal, total))) match tshark; differing fields: [\(summary)]; first differences:\n\(examples.joined(separator: "\n"))"
        )
    }
}

// Robustness of the program against bad captures and bad command lines: never a crash, a
// one-line message on errors, exit status 2 for usage errors.

import Foundation
import Testing

// MARK: - Building captures

/// A classic little-endian microsecond pcap file in memory.
struct PcapBuilder {
    private(set) var data = Data()

    init(linkType: UInt32 = 1, snaplen: UInt32 = 65535) {
        append32(0xa1b2_c3d4)
        append16(2)
        append16(4)
        append32(0)  // thiszone
        append32(0)  // sigfigs
        append32(snaplen)
        append32(linkType)
    }

    mutating func append16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func append32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }

    /// The 16-byte record header followed by the captured bytes.
    mutating func appendRecord(seconds: UInt32, micros: UInt32, bytes: [UInt8], originalLength: Int? = nil) {
        data.append(Self.recordHeader(
            seconds: seconds, micros: micros, capturedLength: bytes.count,
            originalLength: originalLength ?? bytes.count))
        data.append(contentsOf: bytes)
    }

    static func recordHeader(seconds: UInt32, micros: UInt32, capturedLength: Int, originalLength: Int) -> Data {
        var header = PcapBuilder(emptyWith: ())
        header.append32(seconds)
        header.append32(micros)
        header.append32(UInt32(capturedLength))
        header.append32(UInt32(originalLength))
        return header.data
    }

    private init(emptyWith: Void) {}
}

/// An Ethernet II / IPv4 / UDP frame with a correct IPv4 header checksum.
func udpFrame(srcHost: UInt8, dstHost: UInt8, srcPort: UInt16, dstPort: UInt16, payloadLength: Int) -> [UInt8] {
    var frame: [UInt8] = [0x02, 0, 0, 0, 0, dstHost, 0x02, 0, 0, 0, 0, srcHost, 0x08, 0x00]
    let udpLength = 8 + payloadLength
    let totalLength = 20 + udpLength
    var ip: [UInt8] = [
        0x45, 0, UInt8(totalLength >> 8), UInt8(totalLength & 0xff), 0x12, 0x34, 0x40, 0, 64, 17, 0, 0,
        10, 0, 0, srcHost, 10, 0, 0, dstHost,
    ]
    var sum: UInt32 = 0
    for i in stride(from: 0, to: ip.count, by: 2) { sum += UInt32(ip[i]) << 8 | UInt32(ip[i + 1]) }
    while sum > 0xffff { sum = (sum & 0xffff) + (sum >> 16) }
    let checksum = ~UInt16(sum)
    ip[10] = UInt8(checksum >> 8)
    ip[11] = UInt8(checksum & 0xff)
    frame += ip
    frame += [
        UInt8(srcPort >> 8), UInt8(srcPort & 0xff), UInt8(dstPort >> 8), UInt8(dstPort & 0xff),
        UInt8(udpLength >> 8), UInt8(udpLength & 0xff), 0, 0,
    ]
    frame += (0..<payloadLength).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    return frame
}

/// SplitMix64: a small deterministic generator, so the random capture is the same every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

enum BadCaptures {
    static let validPackets = 40

    /// `validPackets` good UDP frames between a few hosts, 10 ms apart.
    static func validCapture() -> PcapBuilder {
        var pcap = PcapBuilder()
        for i in 0..<validPackets {
            let frame = udpFrame(
                srcHost: UInt8(1 + i % 3), dstHost: UInt8(10 + i % 2), srcPort: UInt16(40000 + i % 5),
                dstPort: 53, payloadLength: 20 + (i * 13) % 60)
            pcap.appendRecord(seconds: 1_700_000_000 + UInt32(i / 100), micros: UInt32((i % 100) * 10_000), bytes: frame)
        }
        return pcap
    }

    /// The valid capture followed by the first 8 of the 16 bytes of a further record header.
    static func cutMidHeader() -> Data {
        var data = validCapture().data
        data.append(PcapBuilder.recordHeader(seconds: 1_700_000_001, micros: 0, capturedLength: 60, originalLength: 60).prefix(8))
        return data
    }

    /// The valid capture followed by a full record header announcing 70 bytes and only 25 of them.
    static func cutMidData() -> Data {
        var data = validCapture().data
        let frame = udpFrame(srcHost: 1, dstHost: 10, srcPort: 40000, dstPort: 53, payloadLength: 28)
        data.append(PcapBuilder.recordHeader(seconds: 1_700_000_001, micros: 0, capturedLength: frame.count, originalLength: frame.count))
        data.append(contentsOf: frame.prefix(25))
        return data
    }

    static let randomPackets = 10_000

    /// 10,000 records of random bytes, lengths 0...200. Three in four get an Ethernet type the
    /// parser goes deeper on (IPv4, IPv6, ARP, VLAN), and half of the IPv4 ones a plausible
    /// version/IHL byte and protocol, so the IP and transport parsers see random input too.
    static func randomCapture(seed: UInt64 = 0x6b69_7473_756e_65) -> Data {
        var rng = SplitMix64(seed: seed)
        var pcap = PcapBuilder()
        let etherTypes: [UInt16] = [0x0800, 0x86dd, 0x0806, 0x8100, 0x88a8]
        let protocols: [UInt8] = [6, 17, 1, 58, 2, 47]
        for i in 0..<randomPackets {
            let length = Int.random(in: 0...200, using: &rng)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if i % 4 != 0 && length >= 14 {
                let type = etherTypes.randomElement(using: &rng)!
                bytes[12] = UInt8(type >> 8)
                bytes[13] = UInt8(type & 0xff)
                if type == 0x0800 && length >= 24 && Bool.random(using: &rng) {
                    bytes[14] = 0x45
                    bytes[23] = protocols.randomElement(using: &rng)!
                }
            }
            let extra = Int.random(in: 0...100, using: &rng)
            pcap.appendRecord(
                seconds: 1_700_000_000 + UInt32(i / 1000), micros: UInt32((i % 1000) * 1000), bytes: bytes,
                originalLength: length + extra)
        }
        return pcap.data
    }
}

// MARK: - Tests

@Suite struct BadInputTests {
    static let graceArguments = ["--fm-grace", "10", "--ad-grace", "20"]

    /// Writes `data` to `name` in `dir`, runs `score` on it with small grace periods and
    /// `--out`, and checks the common rules: not killed by a signal, stderr non-empty (a
    /// summary on success, a message on failure) and, on failure, a last line that is a single
    /// non-empty message. Returns the run and the score table (nil if no output file).
    static func scoreBadCapture(_ data: Data, name: String, in dir: TempDir) throws -> (ProcessResult, ScoreTable?) {
        let capture = dir.file(name)
        try data.write(to: capture)
        let out = dir.file(name + ".scores.csv")
        let run = try runKitsune(["score", capture.path] + graceArguments + ["--out", out.path], timeout: 120)
        #expect(!run.timedOut, "\(name): \(run)")
        #expect(run.terminationReason == .exit, "\(name): killed by a signal: \(run)")
        #expect(!run.stderrLines.isEmpty, "\(name): stderr is empty (expected a summary or an error message): \(run)")
        if run.exitedNormally && run.status != 0 {
            let last = run.stderrText.split(separator: "\n", omittingEmptySubsequences: false)
                .reversed().drop { $0.isEmpty }.first ?? ""
            #expect(!last.trimmingCharacters(in: .whitespaces).isEmpty, "\(name): error exit without a message: \(run)")
        }
        let table = (try? Data(contentsOf: out)).map(ScoreTable.init)
        return (run, table)
    }

    @Test(arguments: ["empty", "text", "header-only", "corrupt-length", "unsupported-link"])
    func hopelessCaptureFailsGracefully(_ kind: String) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let data: Data
        switch kind {
        case "empty":
            data = Data()
        case "text":
            data = Data(String(repeating: "This is not a packet capture, just some text.\n", count: 20).utf8)
        case "header-only":
            data = PcapBuilder().data
        case "corrupt-length":
            // One good packet, then a record claiming 4 GB of captured bytes.
            var pcap = PcapBuilder()
            pcap.appendRecord(seconds: 1_700_000_000, micros: 0, bytes: udpFrame(srcHost: 1, dstHost: 2, srcPort: 1, dstPort: 2, payloadLength: 10))
            pcap.append32(1_700_000_000)
            pcap.append32(1)
            pcap.append32(0xffff_fff0)
            pcap.append32(0xffff_fff0)
            data = pcap.data + Data(repeating: 0xab, count: 100)
        default:  // "unsupported-link": LINKTYPE_USER0 (147) with a few frames.
            var pcap = PcapBuilder(linkType: 147)
            for i in 0..<30 {
                pcap.appendRecord(seconds: 1_700_000_000, micros: UInt32(i), bytes: udpFrame(srcHost: 1, dstHost: 2, srcPort: 1, dstPort: 2, payloadLength: 10))
            }
            data = pcap.data
        }
        let (run, table) = try Self.scoreBadCapture(data, name: kind + ".pcap", in: dir)
        switch kind {
        case "empty", "text", "unsupported-link":
            // Nothing to score: refused as a usage error, with the reason on one line, and no output.
            #expect(run.exitedNormally && run.status == 2, "\(kind): expected exit status 2: \(run)")
            #expect(run.stderrLines.count == 1, "\(kind): expected one line on stderr: \(run)")
            #expect(table == nil, "\(kind): an output file was written")
        case "header-only":
            #expect(run.exitedNormally && run.status == 0, "header-only: expected exit 0: \(run)")
            #expect(table?.rowCount == 0, "header-only capture gave \(table?.rowCount ?? -1) rows")
        default:  // corrupt-length: the good packet is scored, the damage is a warning.
            #expect(run.exitedNormally && run.status == 0, "corrupt-length: expected exit 0: \(run)")
            #expect(run.stderrText.contains("warning: capture"), "corrupt-length: no warning: \(run)")
            #expect(table?.rowCount == 1, "corrupt-length: the good first packet has no row: \(run)")
        }
    }

    @Test(arguments: ["mid-header", "mid-data"])
    func captureCutOffMidRecordKeepsEarlierPackets(_ cut: String) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let data = cut == "mid-header" ? BadCaptures.cutMidHeader() : BadCaptures.cutMidData()
        let (run, maybeTable) = try Self.scoreBadCapture(data, name: "cut-\(cut).pcap", in: dir)
        let table = try #require(maybeTable, "cut \(cut): no score output file written: \(run)")
        let complete = BadCaptures.validPackets
        #expect(table.header == ScoreTable.expectedHeader, "cut \(cut): header \(table.header.debugDescription)")
        #expect(table.badLineCount == 0, "cut \(cut): unparsable rows: \(table.badLinesDescription)")
        #expect(
            table.rowCount >= complete && table.rowCount <= complete + 1,
            "cut \(cut): \(table.rowCount) rows, expected the \(complete) complete packets (at most one more for the cut one): \(run)")
        let sequential = table.packetsAreSequential
        #expect(sequential, "cut \(cut): packet column is not 1...\(table.rowCount)")
        let executed = Array(table.scores.dropFirst(31).prefix(complete - 31))
        let executedOK = executed.allSatisfy { $0.isFinite && $0 >= 0 }
        #expect(
            executedOK,
            "cut \(cut): executed scores not finite and non-negative: \(Array(executed))")
    }

    @Test func randomBytePacketsAreScored() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (run, maybeTable) = try Self.scoreBadCapture(BadCaptures.randomCapture(), name: "random.pcap", in: dir)
        #expect(run.exitedNormally && run.status == 0, "random capture: expected exit 0: \(run)")
        let table = try #require(maybeTable, "random capture: no score output file written: \(run)")
        #expect(table.header == ScoreTable.expectedHeader, "random capture: header \(table.header.debugDescription)")
        #expect(table.badLineCount == 0, "random capture: \(table.badLineCount) unparsable rows: \(table.badLinesDescription)")
        #expect(
            table.rowCount == BadCaptures.randomPackets,
            "random capture: \(table.rowCount) rows, expected one per packet (\(BadCaptures.randomPackets))")
        let sequential = table.packetsAreSequential
        #expect(sequential, "random capture: packet column is not 1...\(table.rowCount)")
        let bad = table.scores.enumerated().filter { !($0.element.isFinite && $0.element >= 0) }
        let badCount = bad.count
        #expect(
            badCount == 0,
            "random capture: \(bad.count) scores not finite and non-negative, first: \(bad.prefix(10).map { "packet \($0.offset + 1): \($0.element)" })")
    }

    @Test func randomCaptureIsDeterministic() {
        let a = BadCaptures.randomCapture()
        #expect(a == BadCaptures.randomCapture())
        #expect(a.count > 24 + 16 * BadCaptures.randomPackets)
    }

    // MARK: Command line

    /// A usage error: exit status 2 and exactly one line on stderr.
    static func expectUsageError(_ arguments: [String], _ what: String) throws {
        let run = try runKitsune(arguments, timeout: 120)
        #expect(run.terminationReason == .exit && !run.timedOut, "\(what): \(run)")
        #expect(run.status == 2, "\(what): expected exit status 2: \(run)")
        #expect(
            run.stderrLines.count == 1,
            "\(what): expected a one-line error on stderr, got \(run.stderrLines.count) lines: \(run.stderrText.debugDescription)")
    }

    @Test func missingCaptureFileIsAUsageError() throws {
        try Self.expectUsageError(["score", "/nonexistent/kitsune-lite-test/capture.pcap"], "score /nonexistent")
    }

    @Test func unknownOptionIsAUsageError() throws {
        try Self.expectUsageError(["score", try Locations.devPcap().path, "--bogus"], "score dev.pcap --bogus")
    }

    @Test func featuresWithoutOutIsAUsageError() throws {
        try Self.expectUsageError(["features", try Locations.devPcap().path], "features dev.pcap (no --out)")
    }

    @Test(arguments: [["--help"], ["score", "--help"], ["records", "--help"], ["features", "--help"]])
    func helpPrintsUsage(_ arguments: [String]) throws {
        let run = try runKitsune(arguments, timeout: 60)
        #expect(run.exitedNormally && run.status == 0, "\(arguments.joined(separator: " ")): \(run)")
        #expect(
            run.stdoutText.lowercased().contains("usage"),
            "\(arguments.joined(separator: " ")): no \"Usage\" on stdout: \(tail(run.stdoutText, lines: 5))")
    }
}

// The sample capture bundled with the repository (`Samples/lan-scan-and-flood.pcapng`, the first 40,000 packets of dev.pcap)
// works out of the box: `records` and `score` agree on its packet count.

import Foundation
import Testing

@Suite struct SampleCaptureTests {
    static func samplePcap() throws -> URL {
        let url = Locations.repoRoot.appendingPathComponent("Samples/lan-scan-and-flood.pcapng")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SetupError("bundled sample capture missing: \(url.path)")
        }
        return url
    }

    @Test func sampleCaptureScoresEveryPacket() throws {
        let sample = try Self.samplePcap()
        let tmp = try TempDir()
        defer { tmp.remove() }

        let recordsOut = tmp.file("sample-records.tsv")
        let records = try runKitsune(["records", sample.path, "--out", recordsOut.path])
        try #require(records.exitedNormally && records.status == 0, "records failed: \(records)")
        let table = RecordParsing.parseRecordsTSV(try Data(contentsOf: recordsOut))
        #expect(table.header == RecordParsing.recordsHeader, "records header \(table.header.debugDescription)")
        #expect(table.problemCount == 0, "records TSV problems: \(table.problems.joined(separator: "; "))")
        let packets = table.records.count
        #expect(packets > 0, "records found no packets in the sample")

        // The README's demo settings, CSV on stdout (no --out).
        let score = try runKitsune(["score", sample.path, "--fm-grace", "5000", "--ad-grace", "22000"])
        try #require(score.exitedNormally && score.status == 0, "score failed: \(score)")
        let scores = ScoreTable(score.stdout)
        #expect(scores.header == ScoreTable.expectedHeader, "score header \(scores.header.debugDescription)")
        #expect(scores.badLineCount == 0, "unparsable score rows: \(scores.badLinesDescription)")
        #expect(scores.rowCount == packets, "score wrote \(scores.rowCount) rows, records saw \(packets) packets")
        let sequential = scores.packetsAreSequential
        #expect(sequential, "packet column is not 1...\(scores.rowCount)")
        let badScores = scores.scores.enumerated().filter { !($0.element.isFinite && $0.element >= 0) }
        let badCount = badScores.count
        #expect(
            badCount == 0,
            "\(badCount) sample scores are non-finite or negative, first: \(badScores.prefix(10).map { "packet \($0.offset + 1): \($0.element)" })")

        // The sample holds an OS scan and the start of a SYN flood after 28,386 benign packets:
        // the engine must rank attack packets above benign ones (the reference's AUC on the
        // whole dev capture is 0.934).
        let labelLines = try String(contentsOf: Locations.repoRoot.appendingPathComponent(
            "Samples/lan-scan-and-flood.labels.txt"), encoding: .utf8).split(separator: "\n")
        try #require(labelLines.count == scores.rowCount, "one label per sample packet")
        let executed = 27_001..<scores.rowCount
        let auc = Metrics.rocAUC(scores: Array(scores.scores[executed]), labels: executed.map { labelLines[$0] == "1" })
        print("[kitsune-lite tests] sample: AUC \(auc) over \(executed.count) executed packets")
        #expect(auc > 0.9, "sample AUC \(auc)")
    }
}

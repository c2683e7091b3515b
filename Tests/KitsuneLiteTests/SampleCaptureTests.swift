// The sample capture bundled with the repository (`Samples/sample.pcap`, a cut of dev.pcap)
// works out of the box: `records` and `score` agree on its packet count.

import Foundation
import Testing

@Suite struct SampleCaptureTests {
    static func samplePcap() throws -> URL {
        let url = Locations.repoRoot.appendingPathComponent("Samples/sample.pcap")
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

        // Default settings, CSV on stdout (no --out).
        let score = try runKitsune(["score", sample.path])
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
    }
}

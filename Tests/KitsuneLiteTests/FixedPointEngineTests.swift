import Foundation
import Testing

/// The whole engine in Q16.16 (`--arithmetic q16`): it detects as well as float32, ranks
/// packets as float32 does, reports no saturation on the development and modbus captures, and
/// gives the same bytes on every run.
struct FixedPointEngineTests {
    struct Capture: Sendable, CustomStringConvertible {
        var pcap: String, labels: String, fmGrace: Int, adGrace: Int
        var description: String { pcap }
    }

    static let captures = [
        Capture(pcap: "data/dev/dev.pcap", labels: "data/dev/labels.txt", fmGrace: 5000, adGrace: 22000),
        Capture(pcap: "data/eval/modbus+portscan.pcap", labels: "data/eval/modbus+portscan.labels.txt",
                fmGrace: 2000, adGrace: 10000),
    ]

    static func score(_ capture: Capture, arithmetic: String, into directory: TempDir) throws
        -> (scores: ScoreTable, bytes: Data, summary: [String: Double]) {
        let shared = try Locations.shared()
        let output = directory.file("\(arithmetic).csv")
        let run = try runKitsune(["score", shared.appendingPathComponent(capture.pcap).path, "--arithmetic", arithmetic,
                                  "--fm-grace", String(capture.fmGrace), "--ad-grace", String(capture.adGrace),
                                  "--out", output.path])
        try #require(run.exitedNormally && run.status == 0, "\(run)")
        let bytes = try Data(contentsOf: output)
        return (ScoreTable(bytes), bytes, try BoundedMemoryTests.summary(run))
    }

    @Test(arguments: captures)
    func detectsAsWellAsFloat32(_ capture: Capture) throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let q16 = try Self.score(capture, arithmetic: "q16", into: directory)
        let float32 = try Self.score(capture, arithmetic: "float32", into: directory)
        let labels = try String(contentsOf: try Locations.shared().appendingPathComponent(capture.labels), encoding: .utf8)
            .split(separator: "\n")
        try #require(q16.scores.rowCount == labels.count && float32.scores.rowCount == labels.count)
        let executed = (capture.fmGrace + capture.adGrace + 1)..<labels.count
        let attacks = executed.map { labels[$0] == "1" }
        let aucQ16 = Metrics.rocAUC(scores: Array(q16.scores.scores[executed]), labels: attacks)
        let aucFloat32 = Metrics.rocAUC(scores: Array(float32.scores.scores[executed]), labels: attacks)
        let rank = Metrics.spearman(Array(q16.scores.scores[executed]), Array(float32.scores.scores[executed]))
        print("[kitsune-lite tests] q16 on \(capture.pcap): AUC \(aucQ16) (float32 \(aucFloat32)), Spearman \(rank), "
              + "limited inputs \(q16.summary["limited_inputs"] ?? -1)")
        #expect(aucQ16 >= aucFloat32 - 0.01)
        #expect(rank >= 0.98)
        // Every saturation kind is reported, and none happens on these captures.
        for key in ["saturated_additions", "saturated_products", "saturated_quotients", "saturated_conversions",
                    "saturated_functions"] {
            #expect(q16.summary[key] == 0, "\(key) = \(q16.summary[key] ?? -1)")
        }
        #expect(q16.summary["limited_inputs"] != nil)
        #expect(float32.summary["saturated_additions"] == nil)
    }

    @Test func givesTheSameBytesOnEveryRun() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let first = try Self.score(Self.captures[1], arithmetic: "q16", into: directory)
        let second = try Self.score(Self.captures[1], arithmetic: "q16", into: directory)
        #expect(first.bytes == second.bytes)
        #expect(first.scores.scores.contains { $0 > 0 })
    }
}

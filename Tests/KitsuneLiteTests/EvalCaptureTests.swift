import Foundation
import Testing

/// The evaluation captures (real traffic with a real attack stitched in) at the default memory
/// budget: detection as good as the unbounded reference's. On the IoT week the SYN flood's
/// 37,841 spoofed sources overflow the default tables, so this also checks what eviction keeps.
struct EvalCaptureTests {
    static func evalFile(_ name: String) throws -> URL {
        let url = try Locations.shared().appendingPathComponent("data/eval").appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { throw SetupError("missing \(url.path)") }
        return url
    }

    static func referenceAUC(_ name: String) throws -> Double {
        let data = try Data(contentsOf: try evalFile("reference-\(name)/metrics.json"))
        let metrics = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(metrics["AUC"] as? Double)
    }

    @Test(arguments: [("iot_week+synflood", 5000, 50000), ("modbus+portscan", 2000, 10000)])
    func detectsAsWellAsTheReference(_ name: String, _ fmGrace: Int, _ adGrace: Int) throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let output = directory.file("scores.csv")
        let run = try runKitsune(["score", try Self.evalFile("\(name).pcap").path, "--fm-grace", String(fmGrace),
                                  "--ad-grace", String(adGrace), "--out", output.path])
        try #require(run.exitedNormally && run.status == 0, "\(run)")
        let scores = ScoreTable(try Data(contentsOf: output))
        let labels = try String(contentsOf: try Self.evalFile("\(name).labels.txt"), encoding: .utf8)
            .split(separator: "\n")
        try #require(scores.rowCount == labels.count)
        let executed = (fmGrace + adGrace + 1)..<scores.rowCount
        let auc = Metrics.rocAUC(scores: Array(scores.scores[executed]), labels: executed.map { labels[$0] == "1" })
        let reference = try Self.referenceAUC(name)
        print("[kitsune-lite tests] \(name): AUC \(auc) (reference \(reference)); \(run.stderrLines.last ?? "")")
        #expect(auc >= reference - 0.01, "AUC \(auc) against the reference's \(reference)")
    }
}

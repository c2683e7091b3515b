import Foundation
import Testing

/// A model trained in float32 on a host, converted to q16 for a router without floating point:
/// `convert` writes it, `detect --arithmetic q16` converts the same way at load, and the q16
/// detector ranks dev.pcap's packets as the float32 one does.
struct ModelConversionTests {
    @Test func aFloat32ModelConvertedToQ16DetectsAsFloat32Does() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let float32 = try ModelAndAlertTests.trainedModel(in: directory)
        let q16 = directory.file("dev-q16.model")
        let convert = try runKitsune(["convert", "--model", float32.path, "--arithmetic", "q16", "--out", q16.path])
        try #require(convert.exitedNormally && convert.status == 0, "\(convert)")
        #expect(convert.stderrText.contains("values saturated: 0"))
        let info = try runKitsune(["info", "--model", q16.path])
        #expect(info.status == 0 && info.stdoutText.contains("arithmetic: q16"))

        func detect(_ model: URL, _ extra: [String], _ name: String) throws -> [Double] {
            let scores = directory.file(name)
            let run = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path,
                                      "--scores", scores.path] + extra)
            try #require(run.exitedNormally && run.status == 0, "\(run)")
            return ScoreTable(try Data(contentsOf: scores)).scores
        }
        let reference = try detect(float32, [], "float32.csv")
        let converted = try detect(q16, [], "q16.csv")
        let atLoad = try detect(float32, ["--arithmetic", "q16"], "q16-at-load.csv")
        try #require(reference.count == 66_935 && converted.count == 66_935)
        #expect(converted == atLoad)
        let labels = try String(contentsOf: try Locations.devFile("labels.txt"), encoding: .utf8).split(separator: "\n")
            .map { $0 == "1" }
        let aucFloat32 = Metrics.rocAUC(scores: reference, labels: labels)
        let aucQ16 = Metrics.rocAUC(scores: converted, labels: labels)
        let rank = Metrics.spearman(reference, converted)
        print("[kitsune-lite tests] converted q16 model on dev.pcap: AUC \(aucQ16) (float32 \(aucFloat32)), Spearman \(rank)")
        #expect(aucQ16 >= aucFloat32 - 0.01)
        #expect(rank >= 0.98)
    }

    @Test func fixedPointModelsAreNotConvertedBack() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let float32 = try ModelAndAlertTests.trainedModel(in: directory)
        let q16 = directory.file("q16.model")
        _ = try runKitsune(["convert", "--model", float32.path, "--arithmetic", "q16", "--out", q16.path])
        let back = try runKitsune(["convert", "--model", q16.path, "--arithmetic", "float32", "--out", directory.file("x").path])
        #expect(back.exitedNormally && back.status == 2 && back.stderrText.contains("not converted back"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("x").path))
        let detect = try runKitsune(["detect", try Locations.devPcap().path, "--model", q16.path, "--arithmetic", "float32"])
        #expect(detect.exitedNormally && detect.status == 2 && detect.stderrText.contains("runs with --arithmetic q16"))
        let threshold = try runKitsune(["detect", try Locations.devPcap().path, "--model", float32.path, "--threshold", "0"])
        #expect(threshold.status == 2 && threshold.stderrText.contains("--threshold needs a number above 0 "))
        let higher = try runKitsune(["detect", try Locations.devPcap().path, "--model", float32.path, "--threshold", "0.5"])
        #expect(higher.status == 0 && higher.stderrText.contains("threshold=0.5 "))
    }

    /// A model whose normalisers exceed Q16 (the IoT week's): the conversion's saturations are a
    /// warning when detect loads it, and the run's summary counts only the run's own.
    @Test func conversionSaturationsAreAWarningNotPartOfTheRun() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = directory.file("iot.model")
        let train = try runKitsune(["train", try EvalCaptureTests.evalFile("iot_week+synflood.pcap").path,
                                    "--calibration", "1000", "--model", model.path])
        try #require(train.exitedNormally && train.status == 0, "\(train)")
        let sample = Locations.repoRoot.appendingPathComponent("Samples/lan-scan-and-flood.pcapng").path
        let detect = try runKitsune(["detect", sample, "--model", model.path,
                                     "--arithmetic", "q16"])
        try #require(detect.exitedNormally && detect.status == 0, "\(detect)")
        #expect(detect.stderrText.contains("warning: converting model"))
        let summary = try BoundedMemoryTests.summary(detect)
        #expect(summary["saturated_conversions"] == 0)
    }
}

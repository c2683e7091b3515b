import Foundation
import Testing

/// `kitsune-lite eval`, `report` and `plot`: the reference's own metrics reproduced, ties and bad
/// inputs handled, the report self-contained.
struct EvalTests {
    static func write(_ text: String, _ name: String, in directory: TempDir) throws -> URL {
        let url = directory.file(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func json(_ run: ProcessResult) throws -> [String: Any] {
        try #require(run.exitedNormally && run.status == 0, "\(run)")
        return try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any], "\(run)")
    }

    /// The reference's scores and labels, from packet 27,002: AUC, EER, TPR at FPR 1e-3 and 1e-2
    /// and each attack's AUC equal metrics.json's within 1e-9; the threshold metrics its
    /// lognormal threshold's counts.
    @Test func theReferenceMetricsAreReproduced() throws {
        let scores = try Locations.devFile("reference/scores.txt"), labels = try Locations.devFile("labels.csv")
        let reference = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: try Locations.devFile("reference/metrics.json"))) as? [String: Any])
        let thresholds = try #require(reference["thresholds"] as? [String: Any])
        let peek = try #require(thresholds["peek_lognormal_p0.001"] as? [String: Any])
        let threshold = try #require(peek["threshold"] as? Double)
        let ours = try Self.json(try runKitsune(["eval", scores.path, "--labels", labels.path, "--from-packet", "27002",
                                                 "--threshold", String(threshold), "--json"]))
        for key in ["AUC", "EER", "EER_threshold", "TPR@FPR1e-3", "TPR@FPR1e-2"] {
            let got = try #require(ours[key] as? Double, "\(key)")
            let expected = try #require(reference[key] as? Double, "\(key)")
            #expect(Swift.abs(got - expected) <= 1e-9, "\(key): \(got), the reference's \(expected)")
        }
        #expect(ours["packets"] as? Int == 39_934 && ours["attack_packets"] as? Int == 19_906)
        let perAttack = try #require(ours["per_attack"] as? [String: [String: Any]])
        let referenceAttacks = try #require(reference["per_attack"] as? [String: [String: Any]])
        #expect(perAttack.count == 4)
        for (name, expected) in referenceAttacks {
            let got = perAttack[name]?["AUC_vs_all_benign"] as? Double ?? -1
            #expect(Swift.abs(got - (expected["AUC_vs_all_benign"] as? Double ?? 2)) <= 1e-9, "\(name): \(got)")
            #expect(perAttack[name]?["n"] as? Int == expected["n"] as? Int)
        }
        let outcome = try #require(ours["threshold"] as? [String: Any])
        #expect(outcome["TP"] as? Int == peek["TP"] as? Int && outcome["FP"] as? Int == peek["FP"] as? Int, "\(outcome)")
        #expect(Swift.abs((outcome["F1"] as? Double ?? 0) - (peek["F1"] as? Double ?? 1)) <= 1e-9)
    }

    /// Ties count a half (the Mann-Whitney statistic), one score a line or score's CSV alike.
    @Test func tiesCountAHalf() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let labels = try Self.write("0\n0\n1\n1\n", "labels.txt", in: directory)
        let plain = try Self.write("1\n2\n2\n3\n", "scores.txt", in: directory)
        let csv = try Self.write("packet,timestamp,score\n1,10.0,1\n2,11.0,2\n3,12.0,2\n4,13.5,3\n", "scores.csv", in: directory)
        for scores in [plain, csv] {
            let result = try Self.json(try runKitsune(["eval", scores.path, "--labels", labels.path, "--json"]))
            // Positives {2, 3} against negatives {1, 2}: 3 wins and a tie of 4 pairs.
            #expect(result["AUC"] as? Double == 0.875, "\(result)")
        }
        let padded = try Self.write("0\n0 \n1\n 1\n\n\n", "padded.txt", in: directory)
        let same = try Self.json(try runKitsune(["eval", plain.path, "--labels", padded.path, "--json"]))
        #expect(same["AUC"] as? Double == 0.875, "trailing blank lines and spaces around labels: \(same)")
        let tied = try Self.write("5\n5\n5\n5\n", "tied.txt", in: directory)
        let all = try Self.json(try runKitsune(["eval", tied.path, "--labels", labels.path, "--json"]))
        #expect(all["AUC"] as? Double == 0.5 && all["TPR@FPR1e-3"] as? Double == 0, "\(all)")
    }

    /// What cannot be evaluated gets one line and status 2.
    @Test func badInputsAreRefusedInOneLine() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let labels = try Self.write("0\n0\n1\n1\n", "labels.txt", in: directory)
        let benign = try Self.write("0\n0\n0\n0\n", "benign.txt", in: directory)
        let scores = try Self.write("0.1\n0.2\n0.3\n0.4\n", "scores.txt", in: directory)
        let short = try Self.write("0.1\n0.2\n0.3\n", "short.txt", in: directory)
        let garbled = try Self.write("0.1\n0.2\nabc\n0.4\n", "garbled.txt", in: directory)
        let badLabel = try Self.write("0\n2\n1\n1\n", "bad-labels.txt", in: directory)
        var cases: [([String], String)] = [
            (["eval", scores.path, "--labels", benign.path], "all benign"),
            (["eval", short.path, "--labels", labels.path], "the scores have 3 packets and the labels 4"),
            (["eval", garbled.path, "--labels", labels.path], "line 3: not a score"),
            (["eval", scores.path, "--labels", badLabel.path], "line 2: a label must be 0 or 1"),
            (["eval", scores.path], "needs --labels"),
            (["eval", scores.path, "--labels", directory.file("missing").path], "cannot read labels"),
            (["eval", scores.path, "--labels", labels.path, "--from-packet", "9"], "past the last packet"),
            (["eval", scores.path, "--labels", labels.path, "--alerts", scores.path], "go together"),
            (["report", scores.path, "--labels", labels.path], "needs --out"),
        ]
        // A time that is no time, an incident number that is no whole number.
        let infiniteTime = try Self.write("packet,timestamp,score\n1,1.0,0.1\n2,2.0,0.2\n3,3.0,0.3\n4,inf,0.4\n",
                                          "inf-time.csv", in: directory)
        let eve = try Self.write("{\"timestamp\":\"2026-11-29T00:47:46.391042+0000\",\"anomaly\":{\"incident\":1e30,\"state\":\"opened\"}}\n",
                                 "eve.json", in: directory)
        let attacks = try Self.write("name,start_epoch,end_epoch,attacker_mac,attacker_ip\nx,1.5,2.5,02:00:00:00:00:01,10.0.0.1\n",
                                     "attacks.csv", in: directory)
        let times = try Self.write("packet,timestamp,score\n1,1.0,0.1\n2,2.0,0.2\n3,3.0,0.3\n4,4.0,0.4\n", "times.csv", in: directory)
        cases += [
            (["plot", infiniteTime.path, "--labels", labels.path, "--out", directory.file("x.svg").path], "line 5: not a row"),
            (["eval", times.path, "--labels", labels.path, "--alerts", eve.path, "--attacks", attacks.path], "line 1: not an EVE alert"),
        ]
        for (arguments, reason) in cases {
            let run = try runKitsune(arguments)
            #expect(run.status == 2 && run.stderrLines.count == 1 && run.stderrText.contains(reason),
                    "\(arguments): \(run)")
        }
    }

    /// The report of dev.pcap: one HTML file with its charts inline, nothing to fetch; `plot`
    /// the chart alone; the alert table from detect's EVE.
    @Test func theReportStandsAlone() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try ModelAndAlertTests.trainedModel(in: directory)
        let scores = directory.file("scores.csv"), eve = directory.file("eve.json")
        let detect = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path, "--eve", eve.path,
                                     "--scores", scores.path])
        try #require(detect.exitedNormally && detect.status == 0, "\(detect)")
        let common = [scores.path, "--labels", try Locations.devFile("labels.csv").path, "--model", model.path,
                      "--alerts", eve.path, "--attacks", try Locations.devFile("attacks.csv").path]
        let html = directory.file("report.html"), svg = directory.file("chart.svg")
        let report = try runKitsune(["report"] + common + ["--out", html.path])
        try #require(report.status == 0, "\(report)")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.components(separatedBy: "<svg").count == 3)
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("href=") && !page.contains("@import"))
        #expect(page.contains("incident 1 opened") && page.contains("ROC AUC"))
        #expect(page.utf8.count < 400_000, "\(page.utf8.count) bytes")
        let plot = try runKitsune(["plot"] + common + ["--out", svg.path])
        try #require(plot.status == 0, "\(plot)")
        let chart = try String(contentsOf: svg, encoding: .utf8)
        #expect(chart.contains("<svg xmlns=\"http://www.w3.org/2000/svg\"") && chart.contains("#d62728") && chart.contains("#1f77b4"))
        let evaluated = try runKitsune(["eval"] + common)
        #expect(evaluated.status == 0 && evaluated.stdoutText.contains("os_scan: 1 incident, 1 naming the attacker"),
                "\(evaluated)")
    }
}

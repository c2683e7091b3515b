// `kitsune-lite score dev.pcap` against the reference scores (`dev/reference/scores.txt`,
// FMgrace 5000, ADgrace 22000): Float64 value by value, Float32 by detection quality (AUC) and
// rank agreement (Spearman).

import Foundation
import Testing

@Suite struct ScoreFidelityTests {
    static let fmGrace = 5000
    static let adGrace = 22000
    /// The reference returns 0 while it has trained at most FMgrace + ADgrace packets, i.e. for
    /// the first FMgrace + ADgrace + 1 packets.
    static let firstExecuted = fmGrace + adGrace + 1  // 27,001 (0-based index)
    static let packets = 66_935

    /// Runs `score` on dev.pcap with the reference's settings and feature set and returns its table.
    static func score(arithmetic: String) throws -> ScoreTable {
        let pcap = try Locations.devPcap()
        let tmp = try TempDir()
        defer { tmp.remove() }
        let out = tmp.file("scores-\(arithmetic).csv")
        let run = try runKitsune([
            "score", pcap.path, "--features", "reference", "--arithmetic", arithmetic, "--fm-grace", "\(fmGrace)",
            "--ad-grace", "\(adGrace)", "--out", out.path,
        ])
        try #require(run.exitedNormally && run.status == 0, "score failed: \(run)")
        let table = ScoreTable(try Data(contentsOf: out))
        #expect(
            table.header == ScoreTable.expectedHeader,
            "score header is \(table.header.debugDescription), contract says \(ScoreTable.expectedHeader.debugDescription)")
        #expect(
            table.badLineCount == 0,
            "\(table.badLineCount) unparsable score rows: \(table.badLinesDescription)")
        #expect(table.rowCount == packets, "score wrote \(table.rowCount) rows, dev.pcap has \(packets) packets")
        let sequential = table.packetsAreSequential
        #expect(sequential, "packet column is not 1...\(table.rowCount)")
        return table
    }

    static func referenceScores() throws -> [Double] {
        let scores = try readScoreLines(try Locations.devFile("reference/scores.txt"))
        guard scores.count == packets else {
            throw SetupError("reference/scores.txt has \(scores.count) lines, expected \(packets)")
        }
        return scores
    }

    /// `(first index0, count)` of the nonzero scores during grace, for messages.
    static func graceViolations(_ scores: [Double]) -> (count: Int, first: [String]) {
        let limit = min(firstExecuted, scores.count)
        let bad = (0..<limit).filter { scores[$0] != 0 }
        return (bad.count, bad.prefix(10).map { "packet \($0 + 1): \(scores[$0])" })
    }

    @Test func graceSettingsAgreeWithReferenceMetrics() throws {
        let metrics = try Self.referenceMetrics()
        let first = metrics["eval_first_index0"] as? Int
        #expect(first == Self.firstExecuted, "metrics.json eval_first_index0 = \(String(describing: first))")
        let reference = try Self.referenceScores()
        #expect(Self.graceViolations(reference).count == 0)
        #expect(reference[Self.firstExecuted] != 0)
    }

    /// Our AUC on the reference's own scores must give the AUC its metrics.json reports (checks
    /// `Metrics.rocAUC`, the labels and the executed range, without the binary).
    @Test func metricsReproduceReferenceAUC() throws {
        let reference = try Self.referenceScores()
        let labels = try Self.labels()
        let referenceAUC = try #require(try Self.referenceMetrics()["AUC"] as? Double)
        let executed = Array(Self.firstExecuted..<Self.packets)
        let auc = Metrics.rocAUC(scores: executed.map { reference[$0] }, labels: executed.map { labels[$0] })
        #expect(abs(auc - referenceAUC) < 1e-9, "AUC of the reference scores: ours \(auc), metrics.json \(referenceAUC)")
        let rho = Metrics.spearman(executed.map { reference[$0] }, executed.map { reference[$0] * 2 + 1 })
        #expect(abs(rho - 1) < 1e-12)
    }

    @Test func float64ScoresMatchReference() throws {
        let table = try Self.score(arithmetic: "float64")
        let reference = try Self.referenceScores()
        let scores = table.scores

        let grace = Self.graceViolations(scores)
        #expect(
            grace.count == 0 && scores.count >= Self.firstExecuted,
            "\(grace.count) nonzero scores in the first \(Self.firstExecuted) packets (grace): \(grace.first)")

        let executed = Self.firstExecuted..<min(scores.count, reference.count)
        var close = 0
        var examples: [String] = []
        var worstRelative = 0.0
        var worstAt = -1
        for i in executed {
            let a = scores[i]
            let b = reference[i]
            if isClose(a, b, relative: 1e-12) {
                close += 1
                continue
            }
            let relative = abs(a - b) / max(abs(a), abs(b))
            if !(relative <= worstRelative) {
                worstRelative = relative
                worstAt = i
            }
            if examples.count < 20 { examples.append("packet \(i + 1): got \(a), expected \(b)") }
        }
        let total = Self.packets - Self.firstExecuted
        print("[kitsune-lite tests] float64 score: \(close)/\(total) executed scores within 1e-12 relative")
        let worst = worstAt >= 0 ? "worst relative error \(worstRelative) at packet \(worstAt + 1)" : ""
        // The README's claim: every executed score within 1e-12 of the reference's.
        #expect(
            close == total && total == 39_934,
            "only \(close) of \(total) executed scores (\(percent(close, total))) within 1e-12 relative; \(worst); first differences: \(examples.joined(separator: "; "))"
        )
    }

    @Test func float32ScoresDetectLikeReference() throws {
        let table = try Self.score(arithmetic: "float32")
        let reference = try Self.referenceScores()
        let labels = try Self.labels()
        let metrics = try Self.referenceMetrics()
        let referenceAUC = try #require(metrics["AUC"] as? Double, "metrics.json has no numeric AUC")
        let scores = table.scores
        try #require(scores.count == Self.packets, "cannot evaluate: \(scores.count) score rows")

        let grace = Self.graceViolations(scores)
        #expect(grace.count == 0, "\(grace.count) nonzero scores during grace: \(grace.first)")

        let executed = Array(Self.firstExecuted..<Self.packets)
        let ours = executed.map { scores[$0] }
        let nonFinite = executed.filter { !scores[$0].isFinite }
        let nonFiniteCount = nonFinite.count
        #expect(
            nonFiniteCount == 0,
            "\(nonFinite.count) non-finite executed scores, first: \(nonFinite.prefix(10).map { "packet \($0 + 1): \(scores[$0])" })")

        let auc = Metrics.rocAUC(scores: ours, labels: executed.map { labels[$0] })
        // The README's claim: AUC 0.9340 against the reference's 0.9341, Spearman 0.9999.
        #expect(
            abs(auc - 0.9340) < 0.00005 && abs(referenceAUC - 0.9341) < 0.00005,
            "float32 AUC \(auc), reference \(referenceAUC): the README says 0.9340 and 0.9341")

        let rho = Metrics.spearman(ours, executed.map { reference[$0] })
        print("[kitsune-lite tests] float32 score: AUC \(auc) (reference \(referenceAUC)), Spearman vs reference \(rho)")
        #expect(rho >= 0.9999, "Spearman rank correlation with the reference scores is \(rho) (< 0.9999); AUC \(auc)")
    }

    static func labels() throws -> [Bool] {
        let url = try Locations.devFile("labels.txt")
        let all = lines(of: try Data(contentsOf: url))
        guard all.count == packets else {
            throw SetupError("labels.txt has \(all.count) lines, expected \(packets)")
        }
        return try all.enumerated().map { i, line in
            switch line.trimmingCharacters(in: .whitespaces) {
            case "0": return false
            case "1": return true
            default: throw SetupError("labels.txt line \(i + 1) is not 0 or 1: \(line)")
            }
        }
    }

    static func referenceMetrics() throws -> [String: Any] {
        let url = try Locations.devFile("reference/metrics.json")
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw SetupError("reference/metrics.json is not a JSON object")
        }
        return object
    }
}

// What keeps a router healthy while the detector runs for months (issue 16): an EVE file in RAM
// that is capped and rotated, a local syslog that attacks cannot flood, and a status file that
// says what the detector is doing.

import Foundation
import Testing

@Suite struct RouterHealthTests {
    /// --eve-size: the file is moved to FILE.1 (FILE.1 to FILE.2 ...) once it reaches the size,
    /// and only --eve-files rotated files are kept.
    @Test func theEVEFileIsRotatedAtItsSize() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try ModelAndAlertTests.trainedModel(in: directory)
        let eve = directory.file("eve.json")
        let whole = directory.file("whole.json")
        let unrotated = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path, "--eve", whole.path])
        try #require(unrotated.exitedNormally && unrotated.status == 0, "\(unrotated)")
        let wholeSize = try Data(contentsOf: whole).count
        let cap = 5 * 1024
        try #require(wholeSize > 3 * cap, "dev.pcap's reports (\(wholeSize) bytes) must fill more than three files")

        let run = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path, "--eve", eve.path,
                                  "--eve-size", "5K", "--eve-files", "2"])
        try #require(run.exitedNormally && run.status == 0, "\(run)")
        let rotations = HostileInputTests.field("eve_rotations", in: run.stderrText) ?? -1
        // A rotation follows the write that reaches the cap.
        #expect(rotations == wholeSize / cap || rotations == wholeSize / cap - 1, "\(rotations) rotations of \(wholeSize) bytes")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasPrefix("eve.json") }
        #expect(Set(names) == ["eve.json", "eve.json.1", "eve.json.2"], "kept: \(names.sorted())")
        let longestLine = try String(contentsOf: whole, encoding: .utf8).split(separator: "\n").map { $0.utf8.count + 1 }.max() ?? 0
        for name in ["eve.json.1", "eve.json.2"] {
            let size = try Data(contentsOf: directory.file(name)).count
            #expect(size >= cap && size < cap + longestLine, "\(name): \(size) bytes for a \(cap)-byte cap")
        }
        // What is kept is the newest part of the whole log, in order, every line whole.
        let kept = try ["eve.json.2", "eve.json.1", "eve.json"].map { try Data(contentsOf: directory.file($0)) }
            .reduce(Data(), +)
        let wholeData = try Data(contentsOf: whole)
        #expect(!kept.isEmpty && wholeData.suffix(kept.count) == kept, "the rotated files are not the log's newest lines")
    }

    /// --syslog-rate: at most N reports a minute reach the local syslog, the rest counted; the
    /// EVE file still gets every report.
    @Test func theLocalSyslogIsRateCapped() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try ModelAndAlertTests.trainedModel(in: directory)
        func run(rate: String) throws -> (heldBack: Int, reports: [IncidentReport]) {
            let eve = directory.file("eve-\(rate).json")
            let run = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path, "--eve", eve.path,
                                      "--syslog", "--syslog-rate", rate])
            try #require(run.exitedNormally && run.status == 0, "\(run)")
            let heldBack = try #require(HostileInputTests.field("syslog_held_back", in: run.stderrText), "\(run)")
            return (heldBack, try IncidentReports(eve).events)
        }
        let capped = try run(rate: "2")
        let reports = capped.reports
        let span = (reports.map(\.time).max() ?? 0) - (reports.map(\.time).min() ?? 0)
        let sent = reports.count - capped.heldBack
        #expect(reports.count >= 10 && capped.heldBack > 0, "\(reports.count) reports, \(capped.heldBack) held back")
        #expect(sent >= 2 && Double(sent) <= 2 * (1 + span / 60), "\(sent) sent in \(span) s at 2 a minute")
        // Below one a minute: one report at once, then one every two minutes (never none).
        let slow = try run(rate: "0.5")
        let slowSent = slow.reports.count - slow.heldBack
        #expect(slowSent >= 1 && Double(slowSent) <= 1 + span / 120, "\(slowSent) sent in \(span) s at 0.5 a minute")
        let uncapped = try run(rate: "1000")
        #expect(uncapped.heldBack == 0 && uncapped.reports.count == reports.count)
    }

    /// --score-every 4: every packet updates the statistics, one in four of the detecting phase
    /// is scored, the rest are counted; the attacks still open incidents, which say they were
    /// seen through a sample; the scores file has the scored packets only.
    @Test func aFixedSampleScoresOneInNAndCountsTheRest() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try ModelAndAlertTests.trainedModel(in: directory)
        let eve = directory.file("eve.json"), scores = directory.file("scores.csv")
        let run = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path, "--eve", eve.path,
                                  "--scores", scores.path, "--score-every", "4"])
        try #require(run.exitedNormally && run.status == 0, "\(run)")
        let scored = try #require(HostileInputTests.field("scored", in: run.stderrText), "\(run)")
        let unscored = try #require(HostileInputTests.field("unscored", in: run.stderrText), "\(run)")
        // A model's engine detects from its first packet: all 66,935 are in the detecting phase.
        #expect(scored + unscored == 66935 && scored == (66935 + 3) / 4, "scored \(scored), unscored \(unscored)")
        #expect(HostileInputTests.field("score_every", in: run.stderrText) == 4)
        let rows = try String(contentsOf: scores, encoding: .utf8).split(separator: "\n").count - 1
        #expect(rows == scored, "\(rows) score rows for \(scored) scored packets")
        let reports = try IncidentReports(eve)
        #expect(!reports.opened.isEmpty, "no incident through a 1-in-4 sample")
        let lines = try String(contentsOf: eve, encoding: .utf8).split(separator: "\n")
        #expect(!lines.isEmpty && lines.allSatisfy { $0.contains("\"score_every\":4") })

        let everyScore = directory.file("every.csv")
        let whole = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path,
                                    "--scores", everyScore.path])
        #expect(HostileInputTests.field("unscored", in: whole.stderrText) == 0
                && HostileInputTests.field("scored", in: whole.stderrText) == 66935, "\(whole)")
        // An unscored packet leaves the statistics as a scored one does (`AfterImage.observe`):
        // each sampled packet's score is the one it has when every packet is scored, to the
        // float32 bit (9 digits). End to end only: narrowing the features to float32 hides most
        // one-bit differences of the statistics, which `ObserveTests` compares.
        let every = ScoreTable(try Data(contentsOf: everyScore)), sampled = ScoreTable(try Data(contentsOf: scores))
        #expect(every.badLineCount == 0 && sampled.badLineCount == 0,
                "\(every.badLinesDescription) \(sampled.badLinesDescription)")
        let everyScoreOf = Dictionary(uniqueKeysWithValues: zip(every.packets, every.scores))
        let differing = zip(sampled.packets, sampled.scores).filter { everyScoreOf[$0.0] != $0.1 }
        #expect(every.rowCount == 66935 && differing.isEmpty,
                "\(differing.count) of \(sampled.rowCount) sampled scores differ, first \(String(describing: differing.first))")
    }

    /// --status: one line, `state=...` and the counters, for train and detect; the last one
    /// written as each ends.
    @Test func trainAndDetectWriteTheirState() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = directory.file("dev.model"), status = directory.file("status")
        let train = try runKitsune(["train", try Locations.devPcap().path, "--model", model.path, "--status", status.path]
                                   + ModelAndAlertTests.training)
        try #require(train.exitedNormally && train.status == 0, "\(train)")
        let learned = try String(contentsOf: status, encoding: .utf8)
        #expect(learned.hasPrefix("state=learned learned=28386 of=28386 ") && learned.hasSuffix("\n")
                && learned.split(separator: "\n").count == 1, "\(learned)")

        let detect = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path, "--status", status.path])
        try #require(detect.exitedNormally && detect.status == 0, "\(detect)")
        let stopped = try String(contentsOf: status, encoding: .utf8)
        #expect(stopped.hasPrefix("state=stopped packets=66935 "), "\(stopped)")
        let opened = HostileInputTests.field("opened", in: detect.stderrText)
        #expect(opened != nil && HostileInputTests.field("incidents", in: " " + stopped) == opened, "\(stopped)")
        let leftOver = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains("partial") }
        #expect(leftOver.isEmpty, "\(leftOver)")

        let refused = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path,
                                      "--status", directory.file("no/such/dir/status").path])
        #expect(refused.status == 0 && refused.stderrText.contains("warning: the status file"), "\(refused)")
    }
}

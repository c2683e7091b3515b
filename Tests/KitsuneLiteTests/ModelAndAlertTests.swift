import Foundation
import Testing

/// The user's path: train on the benign start of dev.pcap, write the model, detect with it.
@Suite(.serialized)
struct ModelAndAlertTests {
    static let training = ["--fm-grace", "5000", "--ad-grace", "22000", "--calibration", "1385",
                           "--false-alarm-rate", "0.001"]

    /// A model trained on dev.pcap's benign prefix, in a directory the caller removes.
    static func trainedModel(in directory: TempDir) throws -> URL {
        let model = directory.file("dev.model")
        let run = try runKitsune(["train", try Locations.devPcap().path, "--model", model.path] + training)
        try #require(run.exitedNormally && run.status == 0, "\(run)")
        #expect(run.stderrText.contains("model written"))
        return model
    }

    /// Train, save, load: the executed scores equal the in-memory run's bit for bit, and the
    /// attacks raise incidents, each reported a few times (not once per packet).
    @Test func aSavedModelDetectsExactlyAsTheInMemoryEngine() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try Self.trainedModel(in: directory)
        let info = try runKitsune(["info", "--model", model.path])
        #expect(info.status == 0 && info.stdoutText.contains("checksum ok") && info.stdoutText.contains("threshold"))

        let detected = directory.file("detect.csv"), eve = directory.file("eve.json"), memory = directory.file("score.csv")
        let detect = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path,
                                     "--scores", detected.path, "--eve", eve.path])
        try #require(detect.exitedNormally && detect.status == 0, "\(detect)")
        let score = try runKitsune(["score", try Locations.devPcap().path, "--fm-grace", "5000", "--ad-grace", "22000",
                                    "--out", memory.path])
        try #require(score.exitedNormally && score.status == 0, "\(score)")
        let fromModel = ScoreTable(try Data(contentsOf: detected)).scores
        let inMemory = ScoreTable(try Data(contentsOf: memory)).scores
        try #require(fromModel.count == 66_935 && inMemory.count == 66_935)
        let differing = (27_001..<66_935).filter { fromModel[$0].bitPattern != inMemory[$0].bitPattern }
        #expect(differing.isEmpty, "\(differing.count) executed scores differ, first at \(differing.first ?? 0)")

        // Reports: EVE alert events of incidents, each with the actor, its MAC, the target and why.
        let alerts = try IncidentReports(eve)
        #expect(alerts.events.count > 3 && alerts.events.count < 100, "\(alerts.events.count) reports")
        for event in alerts.events {
            #expect(event.peakScore > event.threshold && !event.sourceIP.isEmpty && !event.destinationIP.isEmpty)
            #expect(event.sourceMAC != nil && ["opened", "updated", "closed"].contains(event.state))
            #expect(!event.causes.isEmpty, "incident \(event.incident) has no explanation")
        }
        // The SYN flood (10.200.0.66 -> 10.200.0.10, 12,000 anomalous packets) is one incident.
        let flood = alerts.closed.filter { $0.sourceIP == "10.200.0.66" && $0.destinationIP == "10.200.0.10" && $0.packets > 10_000 }
        #expect(flood.count == 1, "flood: \(flood.map { $0.packets })")
    }

    /// `detect` with no sink named prints each report as a line on standard output, the one the
    /// syslog gets: as many as the EVE file holds, the flood's closing among them. A named sink,
    /// or scores on standard output, leave it without them (the latter with a warning).
    @Test func withNoSinkNamedTheReportsArePrinted() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try Self.trainedModel(in: directory)
        let capture = try Locations.devPcap().path
        let printed = try runKitsune(["detect", capture, "--model", model.path])
        try #require(printed.exitedNormally && printed.status == 0, "\(printed)")
        let lines = printed.stdoutText.split(separator: "\n").map(String.init)
        let eve = directory.file("eve.json")
        let filed = try runKitsune(["detect", capture, "--model", model.path, "--eve", eve.path])
        try #require(filed.exitedNormally && filed.status == 0, "\(filed)")
        let reports = try IncidentReports(eve).events
        #expect(lines.count == reports.count && lines.count > 3, "\(lines.count) lines, \(reports.count) EVE reports")
        #expect(lines.allSatisfy { $0.hasPrefix("incident ") }, "\(lines.prefix(3))")
        #expect(lines.contains { $0.contains(" closed: 10.200.0.66 (") && $0.contains(" -> 10.200.0.10, ") },
                "no closing line for the flood: \(lines)")
        #expect(filed.stdoutText.isEmpty, "reports printed beside --eve: \(filed.stdoutText.prefix(200))")
        let scored = try runKitsune(["detect", capture, "--model", model.path, "--scores", "-"])
        try #require(scored.exitedNormally && scored.status == 0, "\(scored)")
        #expect(!scored.stdoutText.contains("incident "), "reports mixed into the scores on standard output")
        #expect(scored.stdoutText.split(separator: "\n").count == 66_936)
        #expect(scored.stderrText.contains("incidents are counted, not reported"))
        // Standard output that cannot be written (a full disk, a reader gone): the run stops as on
        // SIGTERM, with its summary, says why and fails; it is not killed, nor lost silently.
        let full = try runProcess(URL(fileURLWithPath: "/bin/sh"),
                                  ["-c", "exec \"$0\" detect \"$1\" --model \"$2\" >/dev/full",
                                   try Locations.binary().path, capture, model.path])
        #expect(full.exitedNormally && full.status == 1, "\(full)")
        #expect(full.stderrText.contains("cannot write standard output (No space left on device): stopping")
                && full.stderrText.contains("summary: packets="), "\(full.stderrText)")
        // A reader that has gone (`| true`, given a second to exit: the few reports would fit in
        // the pipe's buffer while it is there), whichever output stdout carries: the same, once,
        // not SIGPIPE.
        for output in [["--eve", "-"], ["--scores", "-"], [String]()] {
            let closed = try runProcess(URL(fileURLWithPath: "/bin/sh"),
                                        ["-c", "{ sleep 1; \"$0\" detect \"$@\"; echo \"status $?\" >&2; } | true",
                                         try Locations.binary().path, capture, "--model", model.path] + output)
            let warning = "cannot write standard output (Broken pipe): stopping"
            #expect(closed.stderrText.contains("status 1\n") && closed.stderrText.contains("summary: packets=")
                    && closed.stderrText.components(separatedBy: warning).count == 2
                    && closed.stderrText.contains("error: cannot write standard output\n"),
                    "\(output): \(closed.stderrText)")
        }
    }

    @Test func damagedOrForeignModelsAreRefusedWithTheReason() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try Self.trainedModel(in: directory)
        let good = try Data(contentsOf: model)
        var flipped = good
        flipped[good.count / 2] ^= 0x04
        var otherVersion = good
        otherVersion[8] = 9
        let cases: [(String, Data, String)] = [
            ("truncated", good.prefix(good.count - 100), "truncated"),
            ("flipped", flipped, "checksum"),
            ("version", otherVersion, "version"),
            ("foreign", Data("not a model at all, just some text\n".utf8), "not a kitsune-lite model"),
            ("empty", Data(), "truncated"),
        ]
        for (name, bytes, reason) in cases {
            let file = directory.file("\(name).model")
            try bytes.write(to: file)
            for command in [["info", "--model", file.path],
                            ["detect", try Locations.devPcap().path, "--model", file.path]] {
                let run = try runKitsune(command)
                #expect(run.exitedNormally && run.status == 2, "\(name) \(command[0]): \(run)")
                #expect(run.stderrLines.count == 1 && run.stderrText.contains(reason), "\(name): \(run.stderrText)")
            }
        }
        // A capture too short to train on is refused, and no model is written.
        let short = directory.file("short.model")
        let run = try runKitsune(["train", try Locations.devPcap().path, "--model", short.path,
                                  "--fm-grace", "60000", "--ad-grace", "60000"])
        #expect(run.status == 2 && run.stderrText.contains("training needs"))
        #expect(!FileManager.default.fileExists(atPath: short.path))
    }
}

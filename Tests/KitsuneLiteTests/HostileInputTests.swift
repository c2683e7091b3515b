import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Input as an attacker or bad luck would give it (issue 13): crafted captures, settings at and
/// past their ends, models changed behind a recomputed checksum, signals in the middle of a
/// run, a collector that is down, a rotation that cannot be followed. Each case here trapped,
/// wrote something unusable or lost work in silence before; now it ends with status 0, 1 or 2
/// and a message, and loses nothing without saying so. (toolchains/hostile.sh runs the same
/// captures and settings through the router builds under qemu.)
@Suite(.serialized)
struct HostileInputTests {
    /// The crafted captures of scripts/hostile-captures.py, made once.
    static let captures: Result<URL, SetupError> = {
        do {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kitsune-hostile-\(getpid())")
            let script = Locations.repoRoot.appendingPathComponent("scripts/hostile-captures.py")
            let run = try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                     ["python3", script.path, try Locations.devPcap().path, directory.path])
            guard run.exitedNormally && run.status == 0 else { return .failure(SetupError("hostile-captures.py: \(run)")) }
            return .success(directory)
        } catch let error as SetupError {
            return .failure(error)
        } catch {
            return .failure(SetupError("\(error)"))
        }
    }()

    static func capture(_ name: String) throws -> String { try captures.get().appendingPathComponent(name).path }

    static func scores(_ url: URL) throws -> [Double] { ScoreTable(try Data(contentsOf: url)).scores }

    static func field(_ name: String, in text: String) -> Int? {
        guard let range = text.range(of: " " + name + "=") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    /// Timestamps past 2^63 ns (pcapng), a century's jump, time running back to the epoch,
    /// wire lengths of 2^31 and 2^32 - 1: every arithmetic scores them, finitely.
    @Test(arguments: ["far-future.pcapng", "century-jump.pcapng", "backwards.pcap", "wire-length-2g.pcap"])
    func craftedCapturesScoreFinitely(_ name: String) throws {
        let directory = try TempDir()
        defer { directory.remove() }
        for arithmetic in ["float32", "float64", "q16"] {
            let out = directory.file("\(arithmetic).csv")
            let run = try runKitsune(["score", try Self.capture(name), "--arithmetic", arithmetic, "--fm-grace", "500",
                                      "--ad-grace", "1000", "--out", out.path])
            try #require(run.exitedNormally && run.status == 0, "\(name) \(arithmetic): \(run)")
            let scores = try Self.scores(out)
            #expect(scores.count >= 400 && scores.allSatisfy(\.isFinite), "\(name) \(arithmetic): non-finite scores")
        }
    }

    /// train and detect on the far-future capture: their time differences trapped.
    @Test func timestampsPast2To63DoNotTrapTrainOrDetect() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = directory.file("future.model")
        let train = try runKitsune(["train", try Self.capture("far-future.pcapng"), "--fm-grace", "500", "--ad-grace", "1000",
                                    "--calibration", "100", "--model", model.path])
        try #require(train.exitedNormally && train.status == 0, "\(train)")
        let detect = try runKitsune(["detect", try Self.capture("far-future.pcapng"), "--model", model.path,
                                     "--eve", directory.file("eve.json").path])
        #expect(detect.exitedNormally && detect.status == 0, "\(detect)")
    }

    /// 2 million interface blocks: libpcap took 89 MB for them under a 1 MiB budget. The guard
    /// refuses the file past 1,024, with the reason, within a few MB.
    @Test func aPcapngOfMillionsOfInterfacesIsRefusedWithinMemory() throws {
        let run = try runKitsune(["score", try Self.capture("many-interfaces.pcapng"), "--memory-budget", "1M",
                                  "--out", "/dev/null"])
        // Refused part way (the blocks before pass), with status 2 as at the start.
        #expect(run.exitedNormally && run.status == 2, "\(run)")
        #expect(run.stderrText.contains("over 1024 interfaces"), "\(run)")
        expectResidentMemory(Double(Self.field("peak_rss_kib", in: run.stderrText) ?? Int.max), atMost: 20_000,
                             "2 million pcapng interfaces")
    }

    /// Autoencoders trained on one packet (a normaliser range of 0): float32 scores were NaN and
    /// infinite; now every input is limited (counted) and every score finite.
    @Test func barelyTrainedAutoencodersGiveFiniteScores() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let out = directory.file("scores.csv")
        let run = try runKitsune(["score", try Locations.devPcap().path, "--fm-grace", "50", "--ad-grace", "1",
                                  "--out", out.path])
        try #require(run.exitedNormally && run.status == 0, "\(run)")
        let scores = try Self.scores(out)
        #expect(scores.count == 66_935 && scores.allSatisfy(\.isFinite))
        #expect((Self.field("limited_inputs", in: run.stderrText) ?? 0) > 0, "limited inputs are counted: \(run)")
        // And the model such training writes is one info and detect read.
        let model = directory.file("short.model")
        let train = try runKitsune(["train", try Locations.devPcap().path, "--fm-grace", "50", "--ad-grace", "1",
                                    "--calibration", "2000", "--model", model.path])
        try #require(train.exitedNormally && train.status == 0, "\(train)")
        let info = try runKitsune(["info", "--model", model.path])
        #expect(info.status == 0, "\(info)")
        let detect = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path, "--eve", "-"])
        #expect(detect.status == 0 && !detect.stdoutText.contains(":inf") && !detect.stdoutText.contains(":nan")
                    && !detect.stdoutText.contains(":null"), "\(detect)")
    }

    /// Settings past their ranges: each a usage error naming the option and its range, where
    /// they trapped (--max-ae 4294967296, --calibration near Int.max), wrote a model info
    /// refused (--max-ae 65537), a NaN threshold (--false-alarm-rate 1e-17) or NaN scores
    /// (--learning-rate 1e308).
    @Test(arguments: [
        ["score", "--max-ae", "4294967296"], ["train", "--max-ae", "65537"], ["score", "--learning-rate", "1e308"],
        ["train", "--calibration", "9223372036854775807"], ["train", "--false-alarm-rate", "1e-17"],
        ["train", "--seconds", "1e300"], ["score", "--fm-grace", "-1"], ["score", "--hidden-ratio", "2"],
        ["detect", "--alert-rate", "0"], ["detect", "--warmup", "-1"], ["detect", "--incident-quiet", "1e12"],
        ["detect", "--threshold", "0"], ["score", "--socket-trackers", "268435456"], ["train", "--packets", "0"],
    ])
    func settingsOutOfRangeAreUsageErrors(_ words: [String]) throws {
        let directory = try TempDir()
        defer { directory.remove() }
        var arguments = [words[0], try Locations.devPcap().path] + words.dropFirst()
        switch words[0] {
        case "train": arguments += ["--model", directory.file("x.model").path]
        case "detect": arguments += ["--model", try ModelAndAlertTests.trainedModel(in: directory).path]
        default: arguments += ["--out", directory.file("x.csv").path]
        }
        let run = try runKitsune(arguments)
        #expect(run.exitedNormally && run.status == 2, "\(run)")
        #expect(run.stderrLines.count == 1 && run.stderrText.contains(words[1]), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("x.model").path))
    }

    /// A rate below one report a second still lets reports out (one every 1/rate seconds).
    @Test func alertRatesBelowOneStillReport() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try ModelAndAlertTests.trainedModel(in: directory)
        let run = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path, "--alert-rate", "0.3",
                                  "--eve", "-"])
        try #require(run.status == 0, "\(run)")
        #expect(run.stdoutText.split(separator: "\n").count >= 6, "\(run)")
    }

    /// A model changed behind a recomputed checksum: a NaN weight or bias, a weight so large its
    /// products overflow, a minimum above its maximum, a negative threshold. detect and info refuse each with the reason; detect with one NaN
    /// weight raised no alert at all before.
    @Test func modelsWithRecomputedChecksumsAreValidated() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try ModelAndAlertTests.trainedModel(in: directory)
        let bytes = [UInt8](try Data(contentsOf: model))
        // The last autoencoder ends with its minima then maxima; the threshold is the first f64
        // after the settings: 8 magic + 4 version + 4 tags + 4 + 4 + 5 × 8 rates + 4 + 8 + 8 + 8 + 8.
        let thresholdOffset = 8 + 4 + 4 + 4 + 4 + 5 * 8 + 4 + 8 + 8 + 8 + 8
        func changed(_ change: (inout [UInt8]) -> Void, _ name: String) throws -> URL {
            var copy = bytes
            change(&copy)
            let body = copy.count - 4
            let crc = crc32(copy[0..<body])
            for index in 0..<4 { copy[body + index] = UInt8(truncatingIfNeeded: crc >> (8 * index)) }
            let url = directory.file(name)
            try Data(copy).write(to: url)
            return url
        }
        let nanWeight = try changed({ bytes in
            // A weight near the end (float32: 4 bytes; the output layer's last maximum is last).
            let at = bytes.count - 4 - 4 * 40
            for (index, byte) in [0x00, 0x00, 0xC0, 0x7F].enumerated() { bytes[at + index] = UInt8(byte) }
        }, "nan.model")
        let negative = try changed({ bytes in
            let value = (-1.0).bitPattern
            for index in 0..<8 { bytes[thresholdOffset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
        }, "negative.model")
        // From the end, the output layer (float32, G inputs, h hidden units): W (G·h), the hidden
        // biases (h), the visible biases (G), the minima (G), the maxima (G), then the checksum.
        let info = try runKitsune(["info", "--model", model.path])
        let groups = try #require(info.stdoutText.components(separatedBy: "autoencoders: ").dropFirst().first
            .flatMap { Int($0.prefix { $0.isNumber }) }, "\(info)")
        let hidden = Int((Double(groups) * 0.75).rounded(.up))
        let end = bytes.count - 4
        let maxima = end - 4 * groups, minima = maxima - 4 * groups, visibleBiases = minima - 4 * groups
        let firstWeight = visibleBiases - 4 * hidden - 4 * groups * hidden
        func setFloat(_ value: Float, at offset: Int) -> (inout [UInt8]) -> Void {
            { bytes in for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value.bitPattern >> (8 * index)) } }
        }
        let minimumAboveMaximum = try changed(setFloat(3e38, at: minima), "min-above-max.model")
        let nanBias = try changed(setFloat(.nan, at: visibleBiases), "nan-bias.model")
        // 3e38 is finite, but its products overflow, and inf - inf made 15,977 of dev.pcap's scores NaN.
        let hugeWeight = try changed(setFloat(3e38, at: firstWeight), "huge-weight.model")
        for (url, reason) in [(nanWeight, "not finite"), (negative, "threshold"), (minimumAboveMaximum, "minimum is above"),
                              (nanBias, "not finite"), (hugeWeight, "too large")] {
            let detect = try runKitsune(["detect", try Locations.devPcap().path, "--model", url.path])
            #expect(detect.exitedNormally && detect.status == 2 && detect.stderrText.contains(reason), "\(detect)")
            let info = try runKitsune(["info", "--model", url.path])
            #expect(info.exitedNormally && info.status == 2 && info.stderrText.contains(reason), "\(info)")
        }
    }

    /// The first 3,100 packets of dev.pcap as a classic pcap, and where each record ends.
    static func firstPackets() throws -> (bytes: Data, ends: [Int]) {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: try capture("first-packets.pcap")))
        var ends: [Int] = [], end = 24
        while end + 16 <= bytes.count {
            let captured = bytes[(end + 8)..<(end + 12)].withUnsafeBytes { Int($0.loadUnaligned(as: UInt32.self)) }
            end += 16 + captured
            ends.append(end)
        }
        return (bytes, ends)
    }

    /// A run of `arguments` on a FIFO: `feed` gets the process and the FIFO's writing end, which
    /// closes when it returns; the run then has 60 s to end.
    static func runOnFIFO(_ arguments: (String) -> [String], in directory: TempDir,
                          feed: (Process, FileHandle) throws -> Void) throws -> ProcessResult {
        let fifo = directory.file("capture.fifo")
        guard mkfifo(fifo.path, 0o644) == 0 else { throw SetupError("mkfifo failed") }
        let process = Process()
        process.executableURL = try Locations.binary()
        process.arguments = arguments(fifo.path)
        let errors = directory.file("stderr.txt"), output = directory.file("stdout.txt")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardOutput = try FileHandle(forWritingTo: output)
        let started = Date()
        try process.run()
        let writer = try FileHandle(forWritingTo: fifo)
        try feed(process, writer)
        try? writer.close()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        return ProcessResult(executable: process.executableURL!.path, arguments: process.arguments ?? [],
                             terminationReason: process.terminationReason, status: process.terminationStatus,
                             stdout: try Data(contentsOf: output), stderr: try Data(contentsOf: errors),
                             timedOut: timedOut, seconds: Date().timeIntervalSince(started))
    }

    /// A run of `arguments` reading its capture from a FIFO that the test feeds, stopped with
    /// `signal` once `beforeSignal` ran; the FIFO closes once the run has ended (or after 30 s).
    static func runFromFIFO(_ arguments: (String) -> [String], signal: Int32, in directory: TempDir,
                            beforeSignal: (Int32, (Int) -> Void) throws -> Void = { _, _ in }) throws -> ProcessResult {
        let (capture, ends) = try firstPackets()
        return try runOnFIFO(arguments, in: directory) { process, writer in
            // The first 3,000 packets of dev.pcap, then the FIFO stays open: the run waits for more.
            var written = 0
            func writePackets(_ count: Int) {
                let start = written == 0 ? 0 : ends[written - 1]
                written += count
                writer.write(capture[start..<ends[written - 1]])
            }
            writePackets(3000)
            Thread.sleep(forTimeInterval: 1.5)
            try beforeSignal(process.processIdentifier, writePackets)
            kill(process.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        }
    }

    /// SIGINT or SIGTERM in the middle of score or features exited 0 and replaced the previous
    /// output with a truncated one. Now: status 1, the reason, and the previous output intact.
    @Test(arguments: [("score", SIGINT), ("features", SIGTERM), ("records", SIGINT)])
    func aStopSignalKeepsThePreviousOutput(_ command: String, _ signal: Int32) throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let out = directory.file("out")
        let previous = Data("the previous, complete output\n".utf8)
        try previous.write(to: out)
        let run = try Self.runFromFIFO({ [command, $0, "--out", out.path] }, signal: signal, in: directory)
        #expect(run.exitedNormally && run.status == 1, "\(run)")
        #expect(run.stderrText.contains("stopped by a signal after ") && run.stderrText.contains("the output is not written"), "\(run)")
        #expect(try Data(contentsOf: out) == previous, "the previous output was replaced")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// A collector that is down: a connected UDP socket fails every other send with
    /// ECONNREFUSED, and those reports were lost without a trace. Now each refused report is
    /// counted in the summary (and the statistics line), with one warning.
    @Test func reportsTheCollectorRefusesAreCounted() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try ModelAndAlertTests.trainedModel(in: directory)
        // A loopback port nothing listens on: bound and closed again.
        let probe = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length); return getsockname(probe, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        close(probe)
        let run = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path,
                                  "--syslog-server", "127.0.0.1:\(port)", "--alert-window", "1"])
        try #require(run.exitedNormally && run.status == 0, "\(run)")
        let reports = Self.field("reports", in: run.stderrText) ?? 0
        let lost = Self.field("undelivered_syslog_server", in: run.stderrText) ?? -1
        // Every report but the last is refused (the last one's refusal would come after it).
        #expect(reports >= 6 && lost >= reports - 1 && lost <= reports, "reports \(reports), counted lost \(lost)")
        #expect(run.stderrText.contains("the syslog server does not take reports"), "\(run)")
    }

    /// After --user nobody, a SIGHUP reopen of an EVE file in a directory only root may write
    /// failed without a word. Now it is reported (stderr, and counted), and the reports go on
    /// to the file open before.
    @Test func aFailedReopenIsReportedAndReportsGoOn() throws {
        guard getuid() == 0 else { throw SetupError("this test drops privileges: it must run as root (as CI does)") }
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try ModelAndAlertTests.trainedModel(in: directory)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.path)
        let eve = directory.file("eve.json"), rotated = directory.file("eve.json.1")
        let run = try Self.runFromFIFO({ ["detect", $0, "--model", model.path, "--eve", eve.path, "--user", "nobody"] },
                                       signal: SIGTERM, in: directory, beforeSignal: { pid, writePackets in
            try FileManager.default.moveItem(at: eve, to: rotated)
            kill(pid, SIGHUP)
            Thread.sleep(forTimeInterval: 0.5)
            // The next packet sees the request (a file run reads on through SIGHUP).
            writePackets(100)
            Thread.sleep(forTimeInterval: 1)
        })
        // A FIFO run stopped by a signal: status 1 (not complete), the reports delivered.
        #expect(run.exitedNormally && run.status == 1, "\(run)")
        #expect(run.stderrText.contains("cannot reopen the EVE file"), "\(run)")
        #expect(Self.field("failed_reopens", in: run.stderrText) == 1, "\(run)")
        #expect(!FileManager.default.fileExists(atPath: eve.path))
        #expect(FileManager.default.fileExists(atPath: rotated.path))
    }
}

extension HostileInputTests {
    /// A full disk (/dev/full): the EVE file's reports that cannot be written are counted and
    /// warned once, the run ends with status 1 and says so; the scores file likewise.
    @Test func aFullDiskIsCountedAndReported() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try ModelAndAlertTests.trainedModel(in: directory)
        let run = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path, "--eve", "/dev/full"])
        #expect(run.exitedNormally && run.status == 1, "\(run)")
        #expect(run.stderrText.contains("cannot write the EVE file '/dev/full'"), "\(run)")
        let reports = Self.field("reports", in: run.stderrText) ?? 0
        let lost = Self.field("undelivered_eve", in: run.stderrText) ?? -1
        #expect(reports >= 6 && lost == reports, "reports \(reports), undelivered \(lost)")
        // With --syslog, a warning goes there and to standard error, unless the service manager says
        // that standard error goes to the syslog already (procd via our init script, systemd's
        // JOURNAL_STREAM): then it is said once.
        func detect(_ environment: String) throws -> ProcessResult {
            try runProcess(URL(fileURLWithPath: "/bin/sh"),
                           ["-c", "unset KITSUNE_LITE_STDERR_LOGGED JOURNAL_STREAM; " + environment
                                + " exec \"$0\" detect \"$1\" --model \"$2\" --eve /dev/full --syslog",
                            try Locations.binary().path, try Locations.devPcap().path, model.path])
        }
        for (environment, onStandardError) in [("", true), ("KITSUNE_LITE_STDERR_LOGGED=1", false),
                                               ("JOURNAL_STREAM=$(stat -L -c %d:%i /proc/self/fd/2)", false),
                                               ("JOURNAL_STREAM=1:2", true)] {
            let logged = try detect(environment)
            #expect(logged.exitedNormally && logged.status == 1
                    && logged.stderrText.contains("warning: cannot write the EVE file") == onStandardError
                    && Self.field("undelivered_eve", in: logged.stderrText) == reports, "\(environment): \(logged)")
        }
        let score = try runKitsune(["score", try Locations.devPcap().path, "--out", "/dev/full"])
        #expect(score.exitedNormally && score.status == 1 && score.stderrText.contains("cannot write '/dev/full'"), "\(score)")
    }

    /// The capture interface goes away under a live detector: it says so, prints its summary and
    /// exits 1 (procd then restarts it when the interface is back), never hangs or traps.
    @Test func anInterfaceThatGoesAwayEndsTheRunWithStatus1() throws {
        guard getuid() == 0 else { throw SetupError("this test makes network namespaces: it must run as root (as CI does)") }
        let namespace = "kh\(getpid() % 100_000)", link = "kh\(getpid() % 100_000)v"
        let setup = try LiveCaptureTests.shell("ip netns add \(namespace) && ip -n \(namespace) link add \(link)a type veth "
            + "peer name \(link)b && ip -n \(namespace) link set \(link)a up && ip -n \(namespace) link set \(link)b up")
        defer { _ = try? LiveCaptureTests.shell("ip netns del \(namespace)") }
        try #require(setup.status == 0, "\(setup)")
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try ModelAndAlertTests.trainedModel(in: directory)
        let detection = Process()
        detection.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        detection.arguments = ["netns", "exec", namespace, try Locations.binary().path, "detect", "--interface",
                               "\(link)a", "--model", model.path]
        let errors = directory.file("detect.err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        detection.standardError = try FileHandle(forWritingTo: errors)
        try detection.run()
        Thread.sleep(forTimeInterval: 1.5)
        let removed = try LiveCaptureTests.shell("ip -n \(namespace) link del \(link)a")
        try #require(removed.status == 0, "\(removed)")
        for _ in 0..<100 where detection.isRunning { Thread.sleep(forTimeInterval: 0.1) }
        let stillRunning = detection.isRunning
        if stillRunning { detection.terminate() }
        detection.waitUntilExit()
        let text = try String(contentsOf: errors, encoding: .utf8)
        #expect(!stillRunning, "the detector went on without its interface: \(text)")
        #expect(detection.terminationReason == .exit && detection.terminationStatus == 1, "\(text)")
        #expect(text.contains("kitsune-lite: summary: ") && text.contains("failed"), "\(text)")
    }
}

/// CRC-32 (IEEE, as zlib and the model file).
func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}

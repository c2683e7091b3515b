import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Captures that are streams, not files (standard input, a FIFO a slow writer feeds), a pcapng
/// refused part way, and outputs behind a symbolic link: each lost packets, hung, was killed by
/// a signal or left a half-written file before (the review of issue 13).
@Suite(.serialized)
struct CaptureStreamTests {
    /// `-` is standard input, as for tcpdump -r: it was refused ("cannot read capture '-'").
    @Test func aCaptureOnStandardInputIsRead() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let out = directory.file("scores.csv")
        let capture = try HostileInputTests.capture("first-packets.pcap")
        let run = try LiveCaptureTests.shell("'\(try Locations.binary().path)' score - --out '\(out.path)' < '\(capture)'")
        try #require(run.exitedNormally && run.status == 0, "\(run)")
        #expect(HostileInputTests.field("packets", in: run.stderrText) == 3100, "\(run)")
        #expect(try HostileInputTests.scores(out).count == 3100)
    }

    /// A writer that has sent 20 packets (about 2 KB) and waits: they are read at once. The
    /// guard read with fread(3), which waits for a whole 8 KiB or the end, so a slow stream's
    /// packets sat unseen; a stop signal then found 0 packets.
    @Test func aSlowStreamsPacketsAreReadAsTheyCome() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let (bytes, ends) = try HostileInputTests.firstPackets()
        let run = try HostileInputTests.runOnFIFO({ ["score", $0, "--out", directory.file("scores.csv").path] }, in: directory) {
            process, writer in
            writer.write(bytes[0..<ends[19]])
            Thread.sleep(forTimeInterval: 1.5)
            kill(process.processIdentifier, SIGINT)
            Thread.sleep(forTimeInterval: 0.5)
        }
        #expect(run.exitedNormally && run.status == 1, "\(run)")
        #expect(run.stderrText.contains("stopped by a signal after 20 packets"), "\(run)")
    }

    /// SIGUSR1 (the statistics request) while the capture's header has not come yet: the
    /// handlers were installed only after the open, so it killed the detector.
    @Test func aStatisticsRequestBeforeTheFirstBytesIsHarmless() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = try ModelAndAlertTests.trainedModel(in: directory)
        let (bytes, _) = try HostileInputTests.firstPackets()
        var aliveAfterSignal = false
        let run = try HostileInputTests.runOnFIFO({ ["detect", $0, "--model", model.path, "--eve", directory.file("eve.json").path] },
                                     in: directory) { process, writer in
            Thread.sleep(forTimeInterval: 1)
            kill(process.processIdentifier, SIGUSR1)
            Thread.sleep(forTimeInterval: 0.5)
            aliveAfterSignal = process.isRunning
            writer.write(bytes)
        }
        #expect(aliveAfterSignal, "SIGUSR1 before the capture began ended the detector: \(run)")
        #expect(run.exitedNormally && run.status == 0, "\(run)")
        // The request is answered once packets come (a statistics line), and every one is read.
        #expect(run.stderrText.contains("kitsune-lite: statistics:"), "\(run)")
        let summary = run.stderrText.components(separatedBy: "summary:").last ?? ""
        #expect(HostileInputTests.field("packets", in: summary) == 3100, "\(run)")
    }

    /// A pcapng block over 1 MiB after 2,000 packets: the guard refused the whole read chunk
    /// around it, dropping the valid packets before, and the run ended with status 0 and a
    /// warning. Now the 2,000 packets are scored and written, and the refusal exits with status
    /// 2, as a refusal at the start does.
    @Test func aCaptureRefusedPartWayKeepsEveryPacketBefore() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let out = directory.file("scores.csv")
        let run = try runKitsune(["score", try HostileInputTests.capture("oversized-block.pcapng"), "--fm-grace", "500",
                                  "--ad-grace", "1000", "--out", out.path])
        #expect(run.exitedNormally && run.status == 2, "\(run)")
        #expect(run.stderrText.contains("refused after 2000 packets: a pcapng block is over 1 MiB"), "\(run)")
        #expect(try HostileInputTests.scores(out).count == 2000)
    }

    /// An output that is a symbolic link to a file: it was written in place, so a stop signal
    /// left the file it names half written. Now the file is replaced by a rename beside it
    /// only when the run completes, and the link stays a link.
    @Test func anOutputBehindALinkIsReplacedWholeOrNotAtAll() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let target = directory.file("scores-target.csv"), link = directory.file("scores.csv")
        let previous = Data("the previous, complete output\n".utf8)
        try previous.write(to: target)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        let (bytes, ends) = try HostileInputTests.firstPackets()
        let stopped = try HostileInputTests.runOnFIFO({ ["score", $0, "--out", link.path] }, in: directory) { process, writer in
            writer.write(bytes[0..<ends[2999]])
            Thread.sleep(forTimeInterval: 1.5)
            kill(process.processIdentifier, SIGINT)
            Thread.sleep(forTimeInterval: 0.5)
        }
        #expect(stopped.exitedNormally && stopped.status == 1, "\(stopped)")
        #expect(try Data(contentsOf: target) == previous, "a stopped run changed the file behind the link")
        let whole = try runKitsune(["score", try HostileInputTests.capture("first-packets.pcap"), "--out", link.path])
        try #require(whole.exitedNormally && whole.status == 0, "\(whole)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try HostileInputTests.scores(target).count == 3100)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// Training on packets that all share one time learned a longest silence of 0 s, which
    /// detect then refused ("the longest normal gap must be positive"). No gap is no gap known.
    @Test func aModelTrainedWithoutAnyGapIsOneDetectReads() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let model = directory.file("instant.model")
        let train = try runKitsune(["train", try HostileInputTests.capture("one-instant.pcap"), "--fm-grace", "500",
                                    "--ad-grace", "1000", "--calibration", "100", "--model", model.path])
        try #require(train.exitedNormally && train.status == 0, "\(train)")
        let detect = try runKitsune(["detect", try HostileInputTests.capture("one-instant.pcap"), "--model", model.path,
                                     "--eve", directory.file("eve.json").path])
        #expect(detect.exitedNormally && detect.status == 0, "\(detect)")
    }
}

import CSupport
import KitsuneEmbedded

/// `kitsune-lite score`: one anomaly score per packet, as CSV.
enum ScoreCommand {
    static let usage = """
        Usage: kitsune-lite score CAPTURE [options] [--out FILE]

        Scores every packet of a pcap or pcapng file. Writes CSV with the header
        packet,timestamp,score: packet counts from 1, timestamp is in seconds, and the score is 0
        while the engine learns (the first --fm-grace + --ad-grace + 1 packets), as the reference.
        Progress and a summary go to standard error.

        Options:
          --out FILE               write the CSV to FILE (default: standard output)
        """ + EngineOptions.help

    static func run(_ words: ArraySlice<String>) throws(ProgramError) {
        let arguments = try CommandLineArguments(words, valued: EngineOptions.valued + ["--out"], flags: ["--help"])
        if arguments.has("--help") { return print(usage) }
        let path = try arguments.capturePath(command: "score")
        let arithmetic = try Arithmetic(option: arguments.value("--arithmetic"))
        try arithmetic.run(Task(path: path, arguments: arguments))
    }

    struct Task: ArithmeticTask {
        let path: String, arguments: CommandLineArguments
        func run<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _ arithmetic: Arithmetic) throws(ProgramError) {
            try score(scalar, path, arguments, digits: arithmetic.significantDigits)
        }
    }

    static func score<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _ path: String, _ arguments: CommandLineArguments,
                                             digits: Int) throws(ProgramError) {
        let configuration = try EngineOptions.configuration(arguments, for: scalar, kitNET: try EngineOptions.kitNET(arguments))
        let capture = try CaptureFile(path: path)
        let engine = try EngineOptions.makeEngine(Scalar.self, configuration, capture)
        let output = try OutputFile(path: arguments.value("--out") ?? "-")
        var line = TextBuffer(capacity: 128)
        line.append(TextBuffer.scoreHeader)
        output.write(&line)
        var run = CaptureRun(capture: capture)
        var featureSeconds = 0.0, kitNETSeconds = 0.0
        run.forEachPacket { bytes, timestamp, wireLength in
            let start = ks_monotonic_seconds()
            let parsed = engine.extractFeatures(bytes, timestamp: timestamp, wireLength: wireLength)
            let extracted = ks_monotonic_seconds()
            let score = engine.score(parsed)
            kitNETSeconds += ks_monotonic_seconds() - extracted
            featureSeconds += extracted - start
            line.appendScoreRow(packet: engine.packetsProcessed, timestamp: timestamp, score: score.doubleValue,
                                digits: digits)
            output.write(&line)
            return true
        }
        run.featureSeconds = featureSeconds
        run.kitNETSeconds = kitNETSeconds
        try run.requireCompleted(engine.counters, engineBytes: engine.byteCount)
        try output.commit()
        run.report(engine.counters, engineBytes: engine.byteCount)
        try run.requireAccepted()
    }
}

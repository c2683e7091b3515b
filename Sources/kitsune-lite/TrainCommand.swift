import KitsuneEmbedded

/// `kitsune-lite train`: learn normal traffic, calibrate the alert threshold, write a model.
enum TrainCommand {
    static let usage = """
        Usage: kitsune-lite train (CAPTURE | --interface IF) --model FILE [options]

        Learns normal traffic from a capture: the first --fm-grace + 1 packets build the feature
        map, the next --ad-grace train the autoencoders. The next --calibration packets are then
        scored to set the alert threshold: a normal distribution is fitted to the logarithms of
        their scores, and the threshold is the score a benign packet exceeds with probability
        --false-alarm-rate. The model (settings, autoencoders, threshold) is written to FILE,
        atomically. All these packets must be benign. On an interface, packets the kernel drops
        are warned of on standard error (the model does not learn from them).

        Options:
          --model FILE             where to write the model (required)
          --calibration N          benign packets that set the threshold (default 10000)
          --false-alarm-rate P     the share of benign packets allowed to alert (default 0.0001)
          --threshold X            use this threshold instead of calibrating
          --packets N              read at most N packets; calibration uses those after the grace periods
          --seconds S              read for at most S seconds of capture time, likewise
          --status FILE            progress in one line (state=learning learned=N of=M), rewritten every 5 s
        """ + CaptureOptions.help + EngineOptions.help

    static func run(_ words: ArraySlice<String>) throws(ProgramError) {
        let valued = EngineOptions.valued + CaptureOptions.valued + ["--model", "--calibration", "--false-alarm-rate",
                                                                    "--threshold", "--packets", "--seconds", "--status"]
        let arguments = try CommandLineArguments(words, valued: valued, flags: ["--help"] + CaptureOptions.flags)
        if arguments.has("--help") { return print(usage) }
        guard arguments.value("--model") != nil else { throw .usage("train needs --model FILE") }
        try Arithmetic(option: arguments.value("--arithmetic")).run(Task(arguments: arguments))
    }

    struct Task: ArithmeticTask {
        let arguments: CommandLineArguments
        func run<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _: Arithmetic) throws(ProgramError) {
            try train(scalar, arguments)
        }
    }

    static func train<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _ arguments: CommandLineArguments)
        throws(ProgramError) {
        let configuration = try EngineOptions.configuration(arguments, for: scalar, kitNET: try EngineOptions.kitNET(arguments))
        let given = arguments.value("--threshold") != nil ? try arguments.real("--threshold", default: 0) : nil
        let calibrationPackets = try arguments.integer("--calibration", default: given == nil ? 10_000 : 0)
        if given == nil && calibrationPackets < 2 { throw .usage("--calibration needs at least 2 packets to fit a threshold") }
        let falseAlarmRate = try arguments.real("--false-alarm-rate", default: 1e-4)
        let packetLimit = try arguments.wholeNumber("--packets", default: Int64.max)
        let timeLimit = arguments.value("--seconds") != nil
            ? PacketTime.duration(seconds: try arguments.real("--seconds", default: 0)) : Int64.max
        let capture = try CaptureOptions.open(arguments, command: "train")
        let engine = try EngineOptions.makeEngine(Scalar.self, configuration, capture)
        try CaptureOptions.dropPrivileges(arguments)

        var sample = CalibrationSample(packets: calibrationPackets, falseAlarmRate: falseAlarmRate)
        var calibrated = 0
        var firstTime: Int64? = nil
        var previousTime: Int64? = nil
        var longestGap: Int64 = 0
        var limited = false
        let needed = configuration.kitNET.featureMapGrace + configuration.kitNET.anomalyDetectorGrace + 1
            + calibrationPackets
        var status = StatusFile(arguments)
        @inline(never)
        func writeStatus(_ state: StaticString) {
            guard status != nil else { return }
            var line = StatusFile.learningLine(state, learned: engine.packetsProcessed, of: min(Int64(needed), packetLimit),
                                               seconds: previousTime.map { $0 - (firstTime ?? $0) } ?? 0,
                                               limit: timeLimit, parseFailures: engine.counters.parse.failures, capture)
            status?.write(&line)
        }
        // Learning costs more a packet than detecting: on a busy link the kernel may drop, and the
        // model then learns rates lower than the link's. Said as detect says it (`KernelDrops`).
        var kernelDrops = KernelDrops()
        func sayKernelDrops(final: Bool = false) {
            guard let warning = kernelDrops.warning(dropped: capture.dropStatistics?.dropped, final: final, consequence:
                "the statistics did not see them, and the model learns a quieter network than this one")
            else { return }
            printToStandardError("kitsune-lite: warning: " + warning)
        }
        writeStatus("state=learning")
        var run = CaptureRun(capture: capture)
        run.forEachPacket(idle: { _ in
            sayKernelDrops()
            if status?.isDue(packets: 0) == true { writeStatus("state=learning") }
        }) { bytes, timestamp, wireLength in
            if capture.isLive && engine.packetsProcessed & 0x3FF == 0 { sayKernelDrops() }
            if status?.isDue(packets: engine.packetsProcessed) == true { writeStatus("state=learning") }
            let start = firstTime ?? timestamp
            firstTime = start
            if engine.packetsProcessed >= packetLimit || timestamp - start >= timeLimit {
                limited = true
                return false
            }
            if let previousTime, timestamp - previousTime > longestGap { longestGap = timestamp - previousTime }
            previousTime = timestamp
            let result = engine.process(bytes, timestamp: timestamp, wireLength: wireLength)
            guard result.phase == .detecting else { return true }
            if result.outcome != .malformed {
                sample.add(result.record, score: result.score.doubleValue)
                calibrated += 1
            }
            return calibrated < calibrationPackets
        }
        sayKernelDrops(final: true)
        try run.requireCompleted(engine.counters, engineBytes: engine.byteCount)
        // A --packets or --seconds limit may end calibration early: what was scored must do.
        let enough = calibrated >= calibrationPackets || (limited && (given != nil || sample.count >= 2))
        guard engine.phase == .detecting && enough else {
            throw .usage((limited ? "the --packets or --seconds limit stops reading after " : "the capture ends after ")
                + describe(engine.packetsProcessed) + " packets; training needs " + describe(needed)
                + " (--fm-grace + --ad-grace + 1 + --calibration)")
        }
        let calibration = sample.calibration(given: given, falseAlarmRate: falseAlarmRate, incidents: IncidentConfiguration(),
                                             // No gap at all (every packet at one time) is no gap known: as a model without one.
                                             longestGapSeconds: longestGap > 0 ? Double(longestGap) * 1e-9 : .infinity)
        if given == nil && sample.isBeyondKept(falseAlarmRate: falseAlarmRate) {
            printToStandardError("kitsune-lite: warning: the calibration is too large to keep its own quantile at this "
                + "false-alarm rate; the threshold is the log-normal fit's alone (lower --false-alarm-rate or --calibration)")
        }
        // A threshold from scores that are all 0 (autoencoders that learned from a handful of
        // packets) would alert on everything: refuse it rather than write it.
        if given == nil && (sample.count < 2 || !(calibration.threshold.isFinite && calibration.threshold > 0)) {
            throw .usage("the calibration's " + describe(calibrated) + " scores give no threshold (" + describe(sample.count)
                + " above 0): the autoencoders learned too little; raise --ad-grace or give --threshold")
        }
        let contents = engine.model(calibration: calibration)
        var model = ModelFile.encode(contents)
        // Read back as detect and info will: what they would refuse is never written.
        var refusal: StaticString? = nil
        model.withUnsafeBytes { bytes in
            do throws(ModelFileError) {
                _ = try ModelFile.decode(bytes, as: Scalar.self, base: configuration)
            } catch {
                refusal = error.reason
            }
        }
        if let refusal { throw .runtime("the trained model cannot be used: " + text(refusal)) }
        let output = try OutputFile(path: arguments.value("--model")!)
        model.withUnsafeBytes { output.write(bytes: $0) }
        model.removeAll()
        try output.commit()
        writeStatus("state=learned")
        run.report(engine.counters, engineBytes: engine.byteCount)
        var line = TextBuffer()
        line.append("kitsune-lite: model written to '")
        line.append(arguments.value("--model")!)
        line.append("': ")
        line.append(decimal: contents.configuration.kitNET.featureMap?.count ?? 0)
        line.append(" autoencoders, threshold ")
        line.append(general: calibration.threshold, digits: 6)
        if given == nil {
            line.append(" (false-alarm rate ")
            line.append(general: falseAlarmRate, digits: 3)
            line.append(" over ")
            line.append(decimal: sample.count)
            line.append(" benign scores in ")
            line.append(fixed: calibration.seconds, decimals: 0)
            line.append(" s; ")
            line.appendFalseIncidents(calibration)
            line.append(")")
        }
        printToStandardError(String(decoding: line.bytes, as: UTF8.self))
        try run.requireAccepted()
    }
}

import CSupport
import KitsuneEmbedded

/// `kitsune-lite detect`: score traffic with a trained model and raise alerts.
enum DetectCommand {
    static let usage = """
        Usage: kitsune-lite detect (CAPTURE | --interface IF) --model FILE [options]

        Scores every packet with a model from kitsune-lite train and turns packets scoring above
        the model's threshold into incidents: one per actor (the host whose traffic drives the
        anomaly, by MAC and IP), with its targets, opened at once, reported again at most every
        --alert-window seconds while it lasts, and closed after --incident-quiet seconds without
        an anomalous packet, each with why it scored high. Nothing alerts during the warm-up,
        while the statistics learn the traffic. At most --alert-rate reports a second go out, the
        most severe first; what is held back is counted per incident. The reports go to the
        sinks below; with none of --eve, --syslog and --syslog-server, to standard output, a
        line each (unless --scores takes it). Standard output that cannot be written (a reader
        that has gone) stops the run as SIGTERM does, and it fails. On an interface, packets the
        kernel drops (when detect falls behind by more than --capture-buffer holds) are warned
        of: at once, at most once a minute after, and at the end. These warnings (failing
        outputs, drops) go to standard error, and to the syslog with --syslog; there only when
        the service manager passes standard error to the syslog already
        (KITSUNE_LITE_STDERR_LOGGED=1, systemd's JOURNAL_STREAM).

        Options:
          --model FILE             the model (required)
          --threshold X            alert above X instead of the model's threshold
          --arithmetic float32|q16  run in this arithmetic, converting the model as it loads (as
                                   kitsune-lite convert does; default: the model's)
          --features reference|extended  the feature set, which must be the model's (it is taken
                                   from the model; see kitsune-lite info)
          --eve FILE               reports as JSON lines in the shape of Suricata's EVE alerts (- for stdout)
          --syslog                 reports to the local syslog (ident kitsune-lite; OpenWrt: logread -e kitsune-lite)
          --syslog-server HOST:PORT  reports to a remote collector: RFC 5424 over UDP, fields as structured data
                                   (HOST, [IPv6]:PORT, or an IPv6 address alone; port 514 if none)
          --syslog-facility NAME   daemon (default), user, auth, local0 ... local7
          --syslog-rate N          reports a minute to the local syslog at most (the rest counted)
          --eve-size SIZE          rotate the --eve file at SIZE (K, M suffixes) to FILE.1, FILE.2 ...
          --eve-files N            rotated EVE files kept (default 1)
          --status FILE            the state and counters in one line, rewritten every 5 s
          --score-every N          score 1 packet in N with the autoencoders (all update the
                                   statistics); default: live, fewer only when falling behind
          --scores FILE            also write every packet's score, as kitsune-lite score does
          --warmup SECONDS         no alerts this long after the start or a long silence (default: from
                                   the decay rates, 66 s for the reference's)
          --alert-window SECONDS   report an open incident again at most this often (default 10)
          --incident-quiet SECONDS close an incident after this long without anomalous packets (default 5)
          --alert-rate N           reports a second at most (default 10)
          --keep-learning          go on training the autoencoders on packets below the threshold (it
                                   adapts to drift, and to slow attacks: on dev.pcap AUC 0.93 -> 0.75)

        Signals: SIGINT or SIGTERM stop (open incidents are closed and reported, the summary
        printed), SIGHUP reopens the --eve file (after log rotation), SIGUSR1 prints statistics.
          --memory-budget SIZE and the table sizes of kitsune-lite score
        """ + CaptureOptions.help

    static func run(_ words: ArraySlice<String>) throws(ProgramError) {
        let valued = ["--arithmetic", "--features"] + EngineOptions.tableValued + CaptureOptions.valued
            + ["--model", "--eve", "--syslog-facility", "--syslog-server", "--scores", "--alert-window",
               "--alert-rate", "--threshold", "--warmup", "--incident-quiet", "--status", "--eve-size", "--eve-files",
               "--syslog-rate", "--score-every"]
        let arguments = try CommandLineArguments(words, valued: valued, flags: ["--help", "--syslog", "--keep-learning"] + CaptureOptions.flags)
        if arguments.has("--help") { return print(usage) }
        guard let modelPath = arguments.value("--model") else { throw .usage("detect needs --model FILE") }
        let model = try ModelFileIO.read(modelPath)
        let trained = try ModelFileIO.arithmetic(of: model, path: modelPath)
        // Without --arithmetic: the model's, or this build's own if it has not the model's (a q16
        // router given a float32 model converts it).
        let engine = arguments.value("--arithmetic") == nil
            ? (Arithmetic.available.contains(trained) ? trained : Arithmetic.available[0])
            : try Arithmetic(option: arguments.value("--arithmetic"))
        try engine.run(Task(model: model, path: modelPath, trained: trained, arguments: arguments))
    }

    struct Task: ArithmeticTask {
        let model: [UInt8], path: String, trained: Arithmetic, arguments: CommandLineArguments
        func run<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _: Arithmetic) throws(ProgramError) {
            try detect(try load(scalar, model, path, trained: trained, arguments), arguments)
        }
    }

    /// The model for an engine in `Scalar`, converted if it was trained in another arithmetic.
    static func load<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _ model: [UInt8], _ path: String,
                                            trained: Arithmetic, _ arguments: CommandLineArguments)
        throws(ProgramError) -> ModelFile.Contents<Scalar> {
        // The model's KitNET, and tables of the memory budget that is left with it.
        var contents: ModelFile.Contents<Scalar>
        var saturated: Int64 = 0
        if trained.modelTag == Scalar.modelTag {
            contents = try ModelFileIO.decode(model, path: path, as: scalar, base: KitsuneConfiguration())
        } else {
            (contents, saturated) = try ModelFileIO.converted(model, path: path, trainedIn: trained, to: scalar,
                                                              base: KitsuneConfiguration())
        }
        contents.configuration = try EngineOptions.configuration(
            arguments, for: scalar, kitNET: contents.configuration.kitNET,
            featureSet: contents.configuration.afterImage.featureSet)
        // What converting the model saturated is said here, not in the run's summary.
        if saturated > 0 {
            printToStandardError("kitsune-lite: warning: converting model '" + path + "' saturated " + describe(saturated)
                + " values (see kitsune-lite convert)")
        }
        return contents
    }

    static func detect<Scalar: KitsuneScalar>(_ contents: ModelFile.Contents<Scalar>,
                                              _ arguments: CommandLineArguments) throws(ProgramError) {
        let threshold = try arguments.real("--threshold", default: contents.calibration.threshold)
        guard threshold > 0 else { throw .usage("--threshold must be positive") }
        var configuration = contents.configuration
        configuration.detection.threshold = threshold
        configuration.detection.keepLearning = arguments.has("--keep-learning")
        var incidents = IncidentConfiguration()
        incidents.updateSeconds = try arguments.real("--alert-window", default: incidents.updateSeconds)
        incidents.alertsPerSecond = try arguments.real("--alert-rate", default: incidents.alertsPerSecond)
        incidents.quietSeconds = try arguments.real("--incident-quiet", default: incidents.quietSeconds)
        if arguments.value("--warmup") != nil { incidents.warmupSeconds = try arguments.real("--warmup", default: 0) }
        incidents.longestNormalGapSeconds = contents.calibration.longestGapSeconds
        configuration.incidents = incidents
        if let problem = configuration.incidents.problem { throw .usage(text(problem)) }

        var sinks = AlertSinks(eve: nil, syslog: arguments.has("--syslog"), layout: configuration.afterImage.layout)
        let facilityName = arguments.value("--syslog-facility") ?? "daemon"
        let facility = ks_syslog_facility(facilityName)
        guard facility >= 0 else { throw .usage("unknown syslog facility '" + facilityName + "'") }
        if sinks.syslog { ks_open_syslog(facility) }
        sinks.syslogPerMinute = try arguments.real("--syslog-rate", default: 0)
        if let server = arguments.value("--syslog-server") {
            sinks.remote = try RemoteSyslog(target: server, facility: facility)
        }

        let fixedSampling = arguments.value("--score-every") == nil ? nil : try arguments.wholeNumber("--score-every", default: 1)
        let capture = try CaptureOptions.open(arguments, command: "detect")
        var sampling = ScoringSample(fixed: fixedSampling, live: capture.isLive)
        let engine = try EngineOptions.makeEngine(Scalar.self, configuration, capture)
        engine.restore(contents)
        let keptEVEFiles = try arguments.integer("--eve-files", default: 1)
        let eveSize = try arguments.value("--eve-size").map { size throws(ProgramError) in
            Int64(try EngineOptions.parseSize(size, option: "--eve-size"))
        }
        if let eve = arguments.value("--eve") {
            let file = try OutputFile(appendingTo: eve)
            if let eveSize { file.rotation = (eveSize, keptEVEFiles) }
            sinks.eve = file
            sinks.eveIsStandardOutput = ks_is_standard_output(eve) != 0
        }
        let scoresTakeStandardOutput = arguments.value("--scores").map { ks_is_standard_output($0) != 0 } ?? false
        // No sink named: the reports are printed, unless the scores take standard output (or the
        // file it is redirected to, which the scores' file then replaces at the end).
        if sinks.namesNoSink {
            if scoresTakeStandardOutput {
                printToStandardError("kitsune-lite: warning: no --eve, --syslog or --syslog-server, and the scores take "
                    + "standard output: incidents are counted, not reported")
            } else {
                sinks.printed = try OutputFile(appendingTo: "-")
            }
        }
        // Whatever writes standard output stops the run when it cannot (`AlertSinks.loseStandardOutput`):
        // a write to a reader that has gone fails, rather than raise SIGPIPE.
        if sinks.printed != nil || sinks.eveIsStandardOutput || scoresTakeStandardOutput { ks_ignore_broken_pipes() }
        // Everything that needs root (the interface, the files) is open: give it up.
        try CaptureOptions.dropPrivileges(arguments)
        let scores = try arguments.value("--scores").map { file throws(ProgramError) in try OutputFile(path: file) }
        // The scores reach standard output itself only when written in place: `-`, or a pipe or
        // device that it is. (A regular file is written beside and renamed: its failures are its own.)
        // They go in blocks, so a reader that has gone is noticed at the next block.
        let scoresWriteStandardOutput = scoresTakeStandardOutput && scores?.temporaryPath == nil
        var line = TextBuffer(capacity: 128)
        if let scores {
            line.append(TextBuffer.scoreHeader)
            scores.write(&line)
        }
        var lastTime: Int64 = 0
        var lastIncident: IncidentEvent? = nil
        func deliverReports() {
            while let event = engine.nextIncidentEvent() {
                sinks.deliver(event)
                lastIncident = event
            }
        }
        @inline(never)
        func statistics(_ prefix: StaticString) -> TextBuffer {
            var line = TextBuffer()
            line.append(prefix)
            appendStatistics(engine.counters, isWarm: engine.isWarm, openIncidents: engine.openIncidents,
                             scoreEvery: sampling.every, capture, lastIncident, sinks.delivery, to: &line)
            return line
        }
        func reportStatistics() {
            printToStandardError(String(decoding: statistics("kitsune-lite: statistics: ").bytes, as: UTF8.self))
        }
        var status = StatusFile(arguments)
        @inline(never)
        func writeStatus(_ state: StaticString) {
            guard status != nil else { return }
            var line = statistics(state)
            status?.write(&line)
        }
        var kernelDrops = KernelDrops()
        func sayKernelDrops(_ dropped: UInt32?, final: Bool = false) {
            guard let warning = kernelDrops.warning(dropped: dropped, final: final, consequence:
                "the statistics did not see them, and an attack among them may go unseen") else { return }
            sinks.warn(warning)
        }
        writeStatus("state=detecting ")
        sinks.scoreEvery = sampling.every
        var run = CaptureRun(capture: capture)
        run.forEachPacket(idle: { now in
            // Live and quiet: incidents close and report by the clock.
            engine.tick(at: now)
            deliverReports()
            sayKernelDrops(capture.dropStatistics?.dropped)
            if ks_take_reopen_request() != 0 { sinks.reopenEVE() }
            if ks_take_statistics_request() != 0 { reportStatistics() }
            if status?.isDue(packets: 0) == true { writeStatus("state=detecting ") }
        }) { bytes, timestamp, wireLength in
            let scored = sampling.scoresNext()
            let result = scored ? engine.process(bytes, timestamp: timestamp, wireLength: wireLength)
                : engine.processWithoutScoring(bytes, timestamp: timestamp, wireLength: wireLength)
            if capture.isLive && engine.packetsProcessed & 0x3FF == 0 {
                let dropped = capture.dropStatistics?.dropped
                if sampling.adapts {
                    sampling.adapt(lag: ks_wall_clock_nanoseconds() - timestamp, drops: dropped ?? 0)
                    sinks.scoreEvery = sampling.every
                }
                sayKernelDrops(dropped)
            }
            deliverReports()
            lastTime = timestamp
            if ks_take_reopen_request() != 0 { sinks.reopenEVE() }
            if ks_take_statistics_request() != 0 { reportStatistics() }
            if status?.isDue(packets: engine.packetsProcessed) == true { writeStatus("state=detecting ") }
            if let scores, scored {
                line.appendScoreRow(packet: engine.packetsProcessed, timestamp: timestamp,
                                    score: result.score.doubleValue, digits: 9)
                scores.write(&line)
                if scoresWriteStandardOutput && scores.failed { sinks.loseStandardOutput() }
            }
            return true
        }
        // The end: every open incident closes and is reported.
        engine.finishIncidents(at: capture.isLive ? max(lastTime, ks_wall_clock_nanoseconds()) : lastTime)
        deliverReports()
        // Drops not yet said (within a minute of the last warning) are said now.
        sayKernelDrops(capture.dropStatistics?.dropped, final: true)
        writeStatus("state=stopped ")
        // The reports are kept whatever happens; the scores only from a complete run. A file that
        // cannot be written fails the run, after the summary (which counts what it missed).
        var failure: ProgramError? = nil
        // Standard output was lost during the run: that is the reason, said first.
        if sinks.lostStandardOutput {
            failure = .runtime("cannot write standard output"
                + (run.stoppedBySignal && scores != nil && !scoresWriteStandardOutput ? "; the scores are not written" : ""))
        }
        do { try sinks.eve?.commit() } catch { failure = failure ?? error }
        do { try sinks.printed?.commit() } catch { failure = failure ?? error }
        if !run.stoppedBySignal {
            do { try scores?.commit() } catch { failure = failure ?? error }
        }
        let counters = engine.counters
        run.report(counters, engineBytes: engine.byteCount)
        line.removeAll()
        line.append("kitsune-lite: incidents: opened=")
        line.append(decimal: counters.incidents.opened)
        line.append(" reports=")
        line.append(decimal: counters.incidents.reportsSent)
        line.append(" held_back=")
        line.append(decimal: counters.incidents.reportsHeldBack)
        line.append(" after_effect_packets=")
        line.append(decimal: counters.incidents.afterEffectPackets)
        line.append(" incidents_dropped=")
        line.append(decimal: counters.incidents.dropped)
        line.append(" rewarmings=")
        line.append(decimal: counters.incidents.rewarmings)
        line.append(" threshold=")
        line.append(general: threshold, digits: 6)
        appendSampling(counters, scoreEvery: sampling.every, to: &line)
        sinks.delivery.append(to: &line)
        printToStandardError(String(decoding: line.bytes, as: UTF8.self))
        if let failure { throw failure }
        if run.stoppedBySignal {
            throw .runtime("stopped by a signal after " + describe(run.packets) + " packets of '" + capture.path
                + "': the reports so far are delivered" + (scores == nil ? "" : "; the scores are not written"))
        }
        // An interface that went away is an error, after the summary and the reports so far.
        if capture.isLive && run.endedEarly != nil { throw .runtime("the capture on '" + capture.path + "' failed") }
        try run.requireAccepted()
    }

    /// The counters while running: the statistics line (SIGUSR1) after its prefix, and the
    /// status file's line. Not generic: one copy in a router's binary, whatever the arithmetic.
    @inline(never)
    static func appendStatistics(_ counters: EngineCounters, isWarm: Bool, openIncidents: Int, scoreEvery: Int64,
                                 _ capture: CaptureFile,
                                 _ lastIncident: IncidentEvent?, _ delivery: DeliveryCounts, to line: inout TextBuffer) {
        line.append("packets=")
        line.append(decimal: counters.packets)
        line.append(" parse_failures=")
        line.append(decimal: counters.parse.failures)
        line.append(" warm=")
        line.append(isWarm ? "yes" : "no")
        appendSampling(counters, scoreEvery: scoreEvery, to: &line)
        line.append(" incidents=")
        line.append(decimal: counters.incidents.opened)
        line.append(" open=")
        line.append(decimal: Int64(openIncidents))
        capture.appendDropStatistics(to: &line)
        if let lastIncident {
            line.append(" last_incident=")
            line.append(decimal: lastIncident.id)
            line.append(" last_incident_state=")
            line.append(lastIncident.state.name)
        }
        delivery.append(to: &line)
    }

    /// Packets the autoencoders scored, those that only updated the statistics, and the share
    /// scored now (1 in `score_every`).
    static func appendSampling(_ counters: EngineCounters, scoreEvery: Int64, to line: inout TextBuffer) {
        line.append(" scored=")
        line.append(decimal: counters.scored)
        line.append(" unscored=")
        line.append(decimal: counters.unscored)
        line.append(" score_every=")
        line.append(decimal: scoreEvery)
    }
}

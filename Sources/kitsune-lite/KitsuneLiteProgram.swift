import CSupport

/// The command line: `kitsune-lite COMMAND ...`.
enum KitsuneLiteProgram {
    static let usage = """
        kitsune-lite: Kitsune anomaly-based network intrusion detection, for routers.

        Usage: kitsune-lite COMMAND [options]

        Commands:
          score CAPTURE      score every packet of a capture file (CSV)
          plan               show the memory the engine allocates, region by region
          train CAPTURE      learn normal traffic and write a model (--model FILE)
          detect CAPTURE     score with a model and raise alerts (--model FILE)
          info               show what a model file holds (--model FILE)
        """ + hostCommands + """

        Run kitsune-lite COMMAND --help for a command's options. Exit status: 0 done, 1 a failure
        while running (or a capture file's run stopped by a signal: its outputs are not written),
        2 bad input (an option, a file, a model).
        """

    // Tools for a host, left out of router builds (their 512 KiB are for detection).
    #if KITSUNE_ROUTER
    static let hostCommands = ""
    #else
    static let hostCommands = """

          features CAPTURE   write every packet's features (raw float64: 110 a packet, 100 in the reference set)
          records CAPTURE    show how every packet is parsed (TSV)
          convert            a model in another arithmetic (--model FILE --arithmetic q16 --out FILE)
          eval SCORES        how well scores and alerts detect (--labels FILE; ROC AUC, EER, per attack)
          report SCORES      the same as one HTML page with charts (--labels FILE --out report.html)
          plot SCORES        the score chart alone, as SVG (--labels FILE --out chart.svg)
        """
    #endif

    static func run(argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
        ks_line_buffer_standard_output()
        var words: [String] = []
        for index in 0..<Int(argc) {
            if let word = argv[index] { words.append(String(cString: word)) }
        }
        do throws(ProgramError) {
            try dispatch(words.dropFirst())
            return 0
        } catch {
            reportError(error.message)
            return error.status
        }
    }

    static func dispatch(_ words: ArraySlice<String>) throws(ProgramError) {
        guard let command = words.first else {
            print(usage)
            throw .usage("no command given")
        }
        let rest = words.dropFirst()
        if command.isText("score") { try ScoreCommand.run(rest) }
        else if command.isText("plan") { try PlanCommand.run(rest) }
        else if command.isText("train") { try TrainCommand.run(rest) }
        else if command.isText("detect") { try DetectCommand.run(rest) }
        else if command.isText("info") { try InfoCommand.run(rest) }
        else if ["--help", "-h", "help"].containsText(command) { print(usage) }
        else if try dispatchHostCommand(command, rest) {}
        else { throw .usage("unknown command '" + command + "' (see kitsune-lite --help)") }
    }

    /// Runs a host tool's command; false if `command` is none (or this is a router build).
    static func dispatchHostCommand(_ command: String, _ rest: ArraySlice<String>) throws(ProgramError) -> Bool {
        #if !KITSUNE_ROUTER
        if command.isText("features") { try FeaturesCommand.run(rest); return true }
        if command.isText("records") { try RecordsCommand.run(rest); return true }
        if command.isText("convert") { try ConvertCommand.run(rest); return true }
        if command.isText("eval") { try EvalCommand.run(rest); return true }
        if command.isText("report") { try ReportCommand.run(rest, page: true); return true }
        if command.isText("plot") { try ReportCommand.run(rest, page: false); return true }
        #endif
        return false
    }
}

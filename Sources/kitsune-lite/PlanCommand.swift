import KitsuneEmbedded

/// `kitsune-lite plan`: the engine's memory, region by region, before it runs.
enum PlanCommand {
    static let usage = """
        Usage: kitsune-lite plan [options]

        Prints the memory the engine would allocate with these options: every region (the
        channel tables, the trackers, KitNET), its capacity and bytes, and the total. All of it
        is allocated at start; processing packets allocates nothing more. Table sizes are
        derived from --memory-budget unless given; a configuration over the budget is refused.

        Options:
        """ + EngineOptions.help

    static func run(_ words: ArraySlice<String>) throws(ProgramError) {
        let arguments = try CommandLineArguments(words, valued: EngineOptions.valued, flags: ["--help"])
        if arguments.has("--help") { return print(usage) }
        guard arguments.positional.isEmpty else { throw .usage("plan takes no capture file") }
        try Arithmetic(option: arguments.value("--arithmetic")).run(Task(arguments: arguments))
    }

    struct Task: ArithmeticTask {
        let arguments: CommandLineArguments
        func run<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _ arithmetic: Arithmetic) throws(ProgramError) {
            try show(scalar, arguments, name: arithmetic.name)
        }
    }

    static func show<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _ arguments: CommandLineArguments,
                                            name: StaticString) throws(ProgramError) {
        let configuration = try EngineOptions.configuration(arguments, for: scalar, kitNET: try EngineOptions.kitNET(arguments))
        let plan = Kitsune<Scalar>.memoryPlan(configuration)
        let budget = try EngineOptions.budget(arguments)
        var line = TextBuffer()
        line.append("kitsune-lite memory plan: ")
        line.append(name)
        line.append(" arithmetic, budget ")
        line.append(EngineOptions.describeSize(budget))
        line.append("\n\n")
        appendRow(&line, "region", "capacity", "bytes")
        for region in plan.regions {
            appendRow(&line, text(region.name), region.capacity > 0 ? describe(region.capacity) : "", describe(region.bytes))
        }
        appendRow(&line, "total", "", describe(plan.totalBytes))
        line.append("\n")
        line.append("total ")
        line.append(EngineOptions.describeSize(plan.totalBytes))
        line.append(" of ")
        line.append(EngineOptions.describeSize(budget))
        line.append("; at most ")
        line.append(decimal: configuration.afterImage.trackersPerStream)
        line.append(" trackers per stream\n")
        print(String(decoding: line.bytes, as: UTF8.self), terminator: "")
    }

    static func appendRow(_ line: inout TextBuffer, _ name: String, _ capacity: String, _ bytes: String) {
        line.append("  ")
        line.append(name)
        for _ in 0..<max(0, 34 - name.utf8.count) { line.append(byte: UInt8(ascii: " ")) }
        for _ in 0..<max(0, 10 - capacity.utf8.count) { line.append(byte: UInt8(ascii: " ")) }
        line.append(capacity)
        for _ in 0..<max(1, 12 - bytes.utf8.count) { line.append(byte: UInt8(ascii: " ")) }
        line.append(bytes)
        line.append("\n")
    }
}

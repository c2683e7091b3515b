#if !KITSUNE_ROUTER
// A host tool: left out of router builds.
import KitsuneEmbedded

/// `kitsune-lite features`: every packet's feature vector, as raw little-endian float64.
enum FeaturesCommand {
    static let usage = """
        Usage: kitsune-lite features CAPTURE [options] --out FILE.f64

        Writes the AfterImage feature vector of every packet, as KitNET receives it: raw
        little-endian float64, row-major: packets x 100 in the reference feature set, the layout
        of the reference's features.f64; packets x 110 in the extended set, the target's 10
        columns after the reference's 100. (Only the feature set, arithmetic and table options
        matter here. In q16 each column is divided by its power-of-two scale, as KitNET
        receives it: see docs/fixed-point.md.)

        Options:
          --out FILE.f64           where to write (required; - for standard output)
        """ + EngineOptions.help

    static func run(_ words: ArraySlice<String>) throws(ProgramError) {
        let arguments = try CommandLineArguments(words, valued: EngineOptions.valued + ["--out"], flags: ["--help"])
        if arguments.has("--help") { return print(usage) }
        let path = try arguments.capturePath(command: "features")
        guard let outputPath = arguments.value("--out") else {
            throw .usage("features needs --out FILE.f64 (the output is binary)")
        }
        let arithmetic = try Arithmetic(option: arguments.value("--arithmetic"))
        try arithmetic.run(Task(path: path, outputPath: outputPath, arguments: arguments))
    }

    struct Task: ArithmeticTask {
        let path: String, outputPath: String, arguments: CommandLineArguments
        func run<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _: Arithmetic) throws(ProgramError) {
            try extract(scalar, path, outputPath, arguments)
        }
    }

    static func extract<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _ path: String, _ outputPath: String,
                                               _ arguments: CommandLineArguments) throws(ProgramError) {
        let configuration = try EngineOptions.configuration(arguments, for: scalar, kitNET: try EngineOptions.kitNET(arguments))
        let capture = try CaptureFile(path: path)
        let engine = try EngineOptions.makeEngine(Scalar.self, configuration, capture)
        let output = try OutputFile(path: outputPath)
        let count = engine.lastFeatures.count
        let row = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
        defer { row.deallocate() }
        var run = CaptureRun(capture: capture)
        run.forEachPacket { bytes, timestamp, wireLength in
            _ = engine.extractFeatures(bytes, timestamp: timestamp, wireLength: wireLength)
            let features = engine.lastFeatures
            for index in 0..<count {
                row[index] = features[index].doubleValue.bitPattern.littleEndian
            }
            output.write(bytes: UnsafeRawBufferPointer(row))
            return true
        }
        try run.requireCompleted(engine.counters, engineBytes: engine.byteCount)
        try output.commit()
        run.report(engine.counters, engineBytes: engine.byteCount)
        try run.requireAccepted()
    }
}
#endif

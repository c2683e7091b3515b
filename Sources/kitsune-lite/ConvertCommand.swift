#if !KITSUNE_ROUTER
// A host tool: left out of router builds.
import KitsuneEmbedded

/// `kitsune-lite convert --model IN --arithmetic A --out OUT`: a model in another arithmetic.
enum ConvertCommand {
    static let usage = """
        Usage: kitsune-lite convert --model FILE --arithmetic float32|q16 --out FILE

        Converts a model trained in float32 or float64 (on a host, say) to the arithmetic of the
        device that will run it: q16 for a router without floating point. Weights and biases
        become their nearest values; the normalisers are scaled as the target engine scales the
        features. Settings, feature map and threshold are kept. The output is written atomically.
        (detect --arithmetic does the same conversion when it loads a model.)
        """

    static func run(_ words: ArraySlice<String>) throws(ProgramError) {
        let arguments = try CommandLineArguments(words, valued: ["--model", "--arithmetic", "--out"], flags: ["--help"])
        if arguments.has("--help") { return print(usage) }
        guard arguments.positional.isEmpty, let path = arguments.value("--model"), let out = arguments.value("--out"),
              arguments.value("--arithmetic") != nil else {
            throw .usage("convert needs --model FILE --arithmetic float32|q16 --out FILE")
        }
        let target = try Arithmetic(option: arguments.value("--arithmetic"))
        let bytes = try ModelFileIO.read(path)
        let source = try ModelFileIO.arithmetic(of: bytes, path: path)
        guard source != .q16 else {
            throw .usage("model '" + path + "' is q16 already; fixed-point models are not converted back")
        }
        guard target != .float64 else { throw .usage("a model is not converted to float64: train it in float64") }
        let (converted, saturated) = try target.run(Task(bytes: bytes, path: path, source: source))
        let output = try OutputFile(path: out)
        converted.withUnsafeBytes { output.write(bytes: $0) }
        try output.commit()
        var line = TextBuffer()
        line.append("kitsune-lite: model converted to ")
        line.append(target.name)
        line.append(" in '")
        line.append(out)
        line.append("' (")
        line.append(decimal: converted.count)
        line.append(" bytes; values saturated: ")
        line.append(decimal: saturated)
        line.append(")")
        printToStandardError(String(decoding: line.bytes, as: UTF8.self))
    }

    /// Converts to the arithmetic it runs in, from float32 or float64.
    struct Task: ArithmeticTask {
        let bytes: [UInt8], path: String, source: Arithmetic
        func run<Target: KitsuneScalar>(_ target: Target.Type, _: Arithmetic) throws(ProgramError)
            -> (bytes: [UInt8], saturated: Int64) {
            let (contents, saturated) = try ModelFileIO.converted(bytes, path: path, trainedIn: source, to: target,
                                                                  base: KitsuneConfiguration())
            return (ModelFile.encode(contents), saturated)
        }
    }
}
#endif

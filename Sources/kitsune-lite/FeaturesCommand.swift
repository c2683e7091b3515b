import KitsuneEmbedded

/// `kitsune-lite features`: every packet's feature vector, as raw little-endian float64.
enum FeaturesCommand {
    static let usage = """
        Usage: kitsune-lite features CAPTURE [--arithmetic float32|float64] --out FILE.f64

        Writes the AfterImage feature vector of every packet: raw little-endian float64,
        row-major, packets x 100, the layout of the reference's features.f64.

        Options:
          --out FILE.f64           where to write (required; - for standard output)
          --arithmetic float32|float64   number system (default float32)
        """

    static func run(_ words: ArraySlice<String>) throws(ProgramError) {
        let arguments = try CommandLineArguments(words, valued: ["--arithmetic", "--out"], flags: ["--help"])
        if arguments.has("--help") { return print(usage) }
        let path = try arguments.capturePath(command: "features")
        guard let outputPath = arguments.value("--out") else {
            throw .usage("features needs --out FILE.f64 (the output is binary)")
        }
        let arithmetic = try Arithmetic(option: arguments.value("--arithmetic"))
        let configuration = KitsuneConfiguration()
        let capture = try CaptureFile(path: path)
        let output = try OutputFile(path: outputPath)
        switch arithmetic {
        case .float32: try extract(Float.self, capture, configuration, output)
        case .float64: try extract(Double.self, capture, configuration, output)
        }
    }

    static func extract<Scalar: KitsuneScalar>(_: Scalar.Type, _ capture: CaptureFile,
                                               _ configuration: KitsuneConfiguration,
                                               _ output: OutputFile) throws(ProgramError) {
        let engine = Kitsune<Scalar>(configuration: configuration, linkType: capture.linkType)
        let count = engine.features.count
        let row = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
        defer { row.deallocate() }
        var run = CaptureRun(capture: capture)
        run.forEachPacket { bytes, timestamp, wireLength in
            engine.extractFeatures(bytes, timestamp: timestamp, wireLength: wireLength)
            for index in 0..<count {
                row[index] = engine.features[index].doubleValue.bitPattern.littleEndian
            }
            output.write(bytes: UnsafeRawBufferPointer(row))
        }
        try output.commit()
        run.report(engine: engine)
    }
}

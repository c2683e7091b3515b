import KitsuneEmbedded

/// `kitsune-lite info --model FILE`: what a model holds.
enum InfoCommand {
    static let usage = """
        Usage: kitsune-lite info --model FILE

        Checks a model file and prints what it holds: arithmetic, settings, autoencoders,
        threshold and the calibration behind it. A damaged or foreign file is refused with the
        reason (exit status 2).
        """

    static func run(_ words: ArraySlice<String>) throws(ProgramError) {
        let arguments = try CommandLineArguments(words, valued: ["--model"], flags: ["--help"])
        if arguments.has("--help") { return print(usage) }
        guard let path = arguments.value("--model"), arguments.positional.isEmpty else {
            throw .usage("info needs --model FILE")
        }
        let bytes = try ModelFileIO.read(path)
        let arithmetic = try ModelFileIO.arithmetic(of: bytes, path: path)
        // A float32 model is shown by every build: a q16 router runs one, converted as it loads.
        if arithmetic == .float32 { return try show(Float.self, bytes, path: path, name: "float32") }
        try arithmetic.run(Task(bytes: bytes, path: path))
    }

    struct Task: ArithmeticTask {
        let bytes: [UInt8], path: String
        func run<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _ arithmetic: Arithmetic) throws(ProgramError) {
            try show(scalar, bytes, path: path, name: arithmetic.name)
        }
    }

    static func show<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _ bytes: [UInt8], path: String,
                                            name: StaticString) throws(ProgramError) {
        let contents = try ModelFileIO.decode(bytes, path: path, as: scalar, base: KitsuneConfiguration())
        let settings = contents.configuration.kitNET
        let calibration = contents.calibration
        var line = TextBuffer()
        line.append("model: ")
        line.append(path)
        line.append(" (")
        line.append(decimal: bytes.count)
        line.append(" bytes, format ")
        line.append(decimal: Int(ModelFile.version))
        line.append(", checksum ok)\narithmetic: ")
        line.append(name)
        line.append("\nfeatures: ")
        line.append(decimal: settings.featureCount)
        line.append(" (")
        line.append(contents.configuration.afterImage.featureSet.name)
        line.append(" set)")
        line.append("\nautoencoders: ")
        line.append(decimal: settings.featureMap?.count ?? 0)
        line.append(" of at most ")
        line.append(decimal: settings.maximumAutoencoderSize)
        line.append(" inputs, and the output layer\ntrained with: --fm-grace ")
        line.append(decimal: settings.featureMapGrace)
        line.append(" --ad-grace ")
        line.append(decimal: settings.anomalyDetectorGrace)
        line.append(" --learning-rate ")
        line.append(general: settings.learningRate, digits: 6)
        line.append(" --hidden-ratio ")
        line.append(general: settings.hiddenRatio, digits: 6)
        line.append("\nthreshold: ")
        line.append(general: calibration.threshold, digits: 9)
        if calibration.packets > 0 {
            line.append("\ncalibration: ")
            line.append(decimal: calibration.packets)
            line.append(" benign scores, log-normal mean ")
            line.append(general: calibration.meanLogScore, digits: 6)
            line.append(" deviation ")
            line.append(general: calibration.deviationLogScore, digits: 6)
            line.append(", false-alarm rate ")
            line.append(general: calibration.falseAlarmRate, digits: 3)
            if calibration.empiricalQuantile > 0 {
                line.append(" (the calibration scores' own quantile: ")
                line.append(general: calibration.empiricalQuantile, digits: 6)
                line.append(")")
            }
            if calibration.seconds > 0 {
                line.append("\ncalibration time: ")
                line.append(fixed: calibration.seconds, decimals: 0)
                line.append(" s; ")
                line.appendFalseIncidents(calibration)
            }
            if calibration.longestGapSeconds.isFinite {
                line.append("\nlongest silence learned: ")
                line.append(fixed: calibration.longestGapSeconds, decimals: 1)
                line.append(" s (a longer one in detection starts a new warm-up)")
            }
        } else {
            line.append(" (given, not calibrated)")
        }
        print(String(decoding: line.bytes, as: UTF8.self))
    }
}

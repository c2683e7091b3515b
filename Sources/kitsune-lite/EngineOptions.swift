import KitsuneEmbedded

/// The engine options the commands share, and the configuration they make.
enum EngineOptions {
    /// The memory budget when none is given: a small office LAN fits with room to spare (the
    /// development capture uses under half of every table), and a router keeps most of its RAM.
    static let defaultBudget = 16 << 20

    /// The options of KitNET's settings (train, score, features, plan; detect takes a model's).
    /// A given feature map (the reference's, to reproduce it) is a host tool's: router builds
    /// leave `--feature-map` out, with its JSON reader.
    #if KITSUNE_ROUTER
    static let kitNETValued = ["--max-ae", "--fm-grace", "--ad-grace", "--learning-rate", "--hidden-ratio"]
    #else
    static let kitNETValued = ["--max-ae", "--fm-grace", "--ad-grace", "--learning-rate", "--hidden-ratio", "--feature-map"]
    #endif
    /// The options of the memory budget and the tables.
    static let tableValued = ["--memory-budget"] + capacityOptions.map { $0.name }
    static let valued = ["--arithmetic", "--features"] + kitNETValued + tableValued

    static let capacityOptions: [(name: String, set: @Sendable (inout AfterImageConfiguration, Int) -> Void)] = [
        ("--mac-host-streams", { $0.macHostStreams = $1 }),
        ("--host-streams", { $0.hostStreams = $1 }),
        ("--jitter-streams", { $0.jitterStreams = $1 }),
        ("--socket-streams", { $0.socketStreams = $1 }),
        ("--target-streams", { $0.targetStreams = $1 }),
        ("--host-trackers", { $0.hostTrackers = $1 }),
        ("--socket-trackers", { $0.socketTrackers = $1 }),
        ("--trackers-per-stream", { $0.trackersPerStream = $1 }),
    ]

    /// Begins with a line break: it follows the last line of a command's usage text.
    static let help = """

          --arithmetic float32|float64|q16   number system (default float32; float64 reproduces the
                           reference; q16: Q16.16 fixed point, integers only)
          --features reference|extended   the feature set (default extended): the reference's 100
                           statistics keyed by the sender, or those and 10 of the target's side,
                           which see floods from spoofed and many sources
          --max-ae N               largest autoencoder of the ensemble (default 10)
          --fm-grace N             packets that learn the feature map (default 5000)
          --ad-grace N             packets that then train the autoencoders (default 50000)
          --learning-rate X        autoencoder learning rate (default 0.1)
          --hidden-ratio X         hidden units per input of each autoencoder (default 0.75)
          --feature-map FILE.json  use this feature map (a JSON list of lists of feature indices;
                                   not in router builds)
          --memory-budget SIZE     all engine memory, decided at start (default 16M; K, M, G suffixes)
          --mac-host-streams N, --host-streams N, --jitter-streams N, --socket-streams N,
          --target-streams N, --host-trackers N, --socket-trackers N, --trackers-per-stream N
                                   table sizes, instead of those derived from the budget
        """

    /// The feature set when none is given: the engine's (`FeatureSet.standard`).
    static let defaultFeatureSet = FeatureSet.standard

    /// `--features`, or the default.
    static func featureSet(_ arguments: CommandLineArguments) throws(ProgramError) -> FeatureSet {
        guard let name = arguments.value("--features") else { return defaultFeatureSet }
        for set in FeatureSet.allCases where name.isText(text(set.name)) { return set }
        throw .usage("--features needs reference or extended, not '" + name + "'")
    }

    /// KitNET's settings on the command line.
    static func kitNET(_ arguments: CommandLineArguments) throws(ProgramError) -> KitNETConfiguration {
        var kitNET = KitNETConfiguration()
        kitNET.maximumAutoencoderSize = try arguments.integer("--max-ae", default: 10)
        kitNET.featureMapGrace = try arguments.integer("--fm-grace", default: 5000)
        kitNET.anomalyDetectorGrace = try arguments.integer("--ad-grace", default: 50000)
        kitNET.learningRate = try arguments.real("--learning-rate", default: 0.1)
        kitNET.hiddenRatio = try arguments.real("--hidden-ratio", default: 0.75)
        var afterImage = AfterImageConfiguration()
        afterImage.featureSet = try featureSet(arguments)
        kitNET.featureCount = afterImage.featureCount
        #if !KITSUNE_ROUTER
        if let path = arguments.value("--feature-map") {
            kitNET.featureMap = try FeatureMapFile.read(path)
        }
        #endif
        if let problem = kitNET.problem { throw .usage(text(problem)) }
        return kitNET
    }

    /// `--memory-budget`, or the default.
    static func budget(_ arguments: CommandLineArguments) throws(ProgramError) -> Int {
        guard let text = arguments.value("--memory-budget") else { return defaultBudget }
        return try parseSize(text, option: "--memory-budget")
    }

    /// The configuration of an engine in `Scalar` with `kitNET` and the feature set (the command
    /// line's, or a model's): tables derived from the memory budget, then any explicit sizes;
    /// refused if the whole engine, this KitNET included, does not fit the budget.
    static func configuration<Scalar: KitsuneScalar>(_ arguments: CommandLineArguments, for _: Scalar.Type,
                                                     kitNET: KitNETConfiguration, featureSet: FeatureSet? = nil)
        throws(ProgramError) -> KitsuneConfiguration {
        var configuration = KitsuneConfiguration()
        configuration.kitNET = kitNET
        if let featureSet {
            // A model's set: `--features` may only repeat it.
            if arguments.value("--features") != nil, try Self.featureSet(arguments) != featureSet {
                throw .usage("the model uses the " + text(featureSet.name) + " feature set, not the one --features gives")
            }
            configuration.afterImage.featureSet = featureSet
        } else {
            configuration.afterImage.featureSet = try Self.featureSet(arguments)
        }
        let budget = try budget(arguments)
        guard let derived = Kitsune<Scalar>.configuration(configuration, fittingBudget: budget) else {
            let smallest = Kitsune<Scalar>.memoryPlan(configuration.scaledTables(1)).totalBytes
            throw .usage("a memory budget of " + describeSize(budget) + " cannot hold the engine: it needs at least "
                + describeSize(smallest))
        }
        configuration = derived
        for option in capacityOptions {
            if arguments.value(option.name) != nil {
                option.set(&configuration.afterImage, try arguments.integer(option.name, default: 0))
            }
        }
        if let problem = configuration.problem { throw .usage(text(problem)) }
        let needed = Kitsune<Scalar>.memoryPlan(configuration).totalBytes
        if needed > budget {
            throw .usage("these table sizes need " + describeSize(needed) + ", over the memory budget of "
                + describeSize(budget) + " (raise --memory-budget; see kitsune-lite plan)")
        }
        return configuration
    }

    /// The engine, or a one-line error if its memory cannot be had.
    static func makeEngine<Scalar: KitsuneScalar>(_: Scalar.Type, _ configuration: KitsuneConfiguration,
                                                 _ capture: CaptureFile) throws(ProgramError) -> Kitsune<Scalar> {
        guard let engine = Kitsune<Scalar>(configuration: configuration, linkType: capture.linkType) else {
            throw .runtime("cannot allocate the engine's " + describeSize(Kitsune<Scalar>.memoryPlan(configuration).totalBytes)
                + " of memory (see kitsune-lite plan)")
        }
        return engine
    }

    /// `16M`, `512K`, `1G` (powers of 1024; also `16MB`, `16MiB`, `16mb`), or a number of bytes.
    static func parseSize(_ text: String, option: String) throws(ProgramError) -> Int {
        let bytes = Array(text.utf8)
        var split = 0
        while split < bytes.count && bytes[split] >= UInt8(ascii: "0") && bytes[split] <= UInt8(ascii: "9") { split += 1 }
        let digits = String(decoding: bytes[..<split], as: UTF8.self)
        // The unit, in lower case: ASCII letters only, so no Unicode tables are linked.
        let unit = String(decoding: bytes[split...].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        var multiplier = 0
        for (shift, names) in [(0, ["", "b"]), (10, ["k", "kb", "kib"]), (20, ["m", "mb", "mib"]), (30, ["g", "gb", "gib"])]
        where names.containsText(unit) {
            multiplier = 1 << shift
        }
        // At most 64 GiB, and what the platform's Int holds (2 GiB on a 32-bit router).
        let largest = min(Int64(64) << 30, Int64(Int.max))
        guard multiplier > 0, let number = Int64(digits), number > 0, number <= largest / Int64(multiplier) else {
            throw .usage(option + " needs a size such as 16M, 512K or 1G (at most 64G), not '" + text + "'")
        }
        return Int(number * Int64(multiplier))
    }

    /// Bytes as `16.0 MiB`, `512.0 KiB` or `100 B`.
    static func describeSize(_ bytes: Int) -> String {
        var line = TextBuffer()
        if bytes >= 1 << 20 {
            line.append(fixed: Double(bytes) / Double(1 << 20), decimals: 1)
            line.append(" MiB")
        } else if bytes >= 1 << 10 {
            line.append(fixed: Double(bytes) / Double(1 << 10), decimals: 1)
            line.append(" KiB")
        } else {
            line.append(decimal: bytes)
            line.append(" B")
        }
        return String(decoding: line.bytes, as: UTF8.self)
    }
}

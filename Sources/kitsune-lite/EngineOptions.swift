import KitsuneEmbedded

/// The engine options the commands share, and the configuration they make.
enum EngineOptions {
    static let valued = [
        "--arithmetic", "--max-ae", "--fm-grace", "--ad-grace", "--learning-rate", "--hidden-ratio",
        "--feature-map",
    ]

    static let help = """
          --arithmetic float32|float64   number system (default float32; float64 reproduces the reference)
          --max-ae N               largest autoencoder of the ensemble (default 10)
          --fm-grace N             packets that learn the feature map (default 5000)
          --ad-grace N             packets that then train the autoencoders (default 50000)
          --learning-rate X        autoencoder learning rate (default 0.1)
          --hidden-ratio X         hidden units per input of each autoencoder (default 0.75)
          --feature-map FILE.json  use this feature map (a JSON list of lists of feature indices)
        """

    static func configuration(_ arguments: CommandLineArguments) throws(ProgramError) -> KitsuneConfiguration {
        var configuration = KitsuneConfiguration()
        configuration.kitNET.maximumAutoencoderSize = try arguments.integer("--max-ae", default: 10, minimum: 1)
        configuration.kitNET.featureMapGrace = try arguments.integer("--fm-grace", default: 5000)
        configuration.kitNET.anomalyDetectorGrace = try arguments.integer("--ad-grace", default: 50000)
        configuration.kitNET.learningRate = try arguments.real("--learning-rate", default: 0.1)
        configuration.kitNET.hiddenRatio = try arguments.real("--hidden-ratio", default: 0.75)
        configuration.kitNET.featureCount = configuration.afterImage.featureCount
        if let path = arguments.value("--feature-map") {
            configuration.kitNET.featureMap = try FeatureMapFile.read(path)
        }
        if let problem = configuration.problem {
            throw .usage(text(problem))
        }
        return configuration
    }
}

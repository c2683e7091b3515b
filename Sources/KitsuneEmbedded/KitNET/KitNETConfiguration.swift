/// KitNET's parameters (reference section 3).
public struct KitNETConfiguration: Sendable {
    /// Inputs per instance: AfterImage's feature count.
    public var featureCount = 100
    /// The largest autoencoder of the ensemble (`m`).
    public var maximumAutoencoderSize = 10
    /// Instances that train the feature mapper (the map is built on the last one).
    public var featureMapGrace = 5000
    /// Instances that train the autoencoders after that.
    public var anomalyDetectorGrace = 50000
    public var learningRate = 0.1
    /// Hidden units per visible unit of every autoencoder.
    public var hiddenRatio = 0.75
    /// A feature map to use instead of learning one. As in the reference, the autoencoders then
    /// train from the first instance, for both grace periods.
    public var featureMap: [[Int]]? = nil

    @inlinable public init() {}

    /// The ranges of the settings: the command line's options (`OptionRanges`), the model
    /// reader and `problem` check the same ones, so that a model `train` writes is one that
    /// `info` and `detect` accept.
    ///
    /// The largest autoencoder: beyond the feature count it changes nothing.
    public static let largestAutoencoderSize = 1024
    /// The longest grace period, in packets: the two and a calibration (`longestCalibration`)
    /// add up within a 32-bit router's `Int` (2^31 - 1).
    public static let longestGracePeriod = 500_000_000
    public static let longestCalibration = 500_000_000
    /// The largest learning rate: training inputs are normalised into [0, 1], so a weight grows
    /// by at most twice the rate per instance, and stays finite in every arithmetic for far
    /// more instances than a grace period holds.
    public static let largestLearningRate = 1000.0
    /// The most autoencoders a feature map may have.
    public static let largestAutoencoderCount = 1 << 16

    /// The first thing wrong with this configuration, or nil.
    @inlinable public var problem: StaticString? {
        if featureCount < 1 { return "there must be at least one feature" }
        if maximumAutoencoderSize < 1 || maximumAutoencoderSize > Self.largestAutoencoderSize {
            return "--max-ae must be from 1 to 1024"
        }
        if featureMapGrace < 0 || anomalyDetectorGrace < 0 { return "grace periods cannot be negative" }
        if featureMapGrace > Self.longestGracePeriod || anomalyDetectorGrace > Self.longestGracePeriod {
            return "a grace period is over 500,000,000 packets"
        }
        if let map = featureMap, map.count > Self.largestAutoencoderCount {
            return "the feature map has over 65,536 autoencoders"
        }
        if !(learningRate > 0 && learningRate <= Self.largestLearningRate) { return "--learning-rate must be in (0, 1000]" }
        if !(hiddenRatio > 0 && hiddenRatio <= 1) { return "--hidden-ratio must be in (0, 1]" }
        if let map = featureMap {
            if map.isEmpty { return "the feature map has no autoencoder" }
            var entries = 0
            for group in map {
                if group.isEmpty { return "the feature map has an empty autoencoder" }
                // Sizes stay products a 32-bit Int holds: at most 1024 × 768 weights an
                // autoencoder, 2^16 inputs in all.
                if group.count > Self.largestAutoencoderSize { return "a feature map group has over 1024 features" }
                entries += group.count
                if entries > Self.largestAutoencoderCount { return "the feature map has over 65,536 entries" }
                for feature in group where feature < 0 || feature >= featureCount {
                    return "the feature map names a feature outside 0..<featureCount"
                }
            }
        }
        return nil
    }

    /// Hidden units for `visible` inputs: `ceil(hiddenRatio · visible)`.
    @inlinable public func hiddenCount(visible: Int) -> Int {
        let exact = hiddenRatio * Double(visible)
        let whole = Int(exact)
        return Double(whole) < exact ? whole + 1 : whole
    }
}

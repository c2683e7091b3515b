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

    /// The first thing wrong with this configuration, or nil.
    @inlinable public var problem: StaticString? {
        if featureCount < 1 { return "there must be at least one feature" }
        if maximumAutoencoderSize < 1 { return "--max-ae must be at least 1" }
        if featureMapGrace < 0 || anomalyDetectorGrace < 0 { return "grace periods cannot be negative" }
        // Their sum is compared with the instance count: keep it from overflowing (on a
        // 32-bit router, each is at most 536,870,911 packets).
        if featureMapGrace > Int.max / 4 || anomalyDetectorGrace > Int.max / 4 { return "a grace period is too long" }
        if let map = featureMap, map.count > 1 << 20 { return "the feature map has over 2^20 autoencoders" }
        if !(learningRate > 0) { return "--learning-rate must be positive" }
        if !(hiddenRatio > 0 && hiddenRatio <= 1) { return "--hidden-ratio must be in (0, 1]" }
        if let map = featureMap {
            if map.isEmpty { return "the feature map has no autoencoder" }
            for group in map {
                if group.isEmpty { return "the feature map has an empty autoencoder" }
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

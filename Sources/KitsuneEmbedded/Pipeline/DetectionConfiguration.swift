/// What the engine does with scores once it detects.
public struct DetectionConfiguration: Sendable {
    /// Scores above this are anomalous (a model's calibrated threshold, or one given).
    public var threshold: Double = .infinity
    /// Go on training the autoencoders on packets that score at most `threshold`: the model
    /// follows slow drift in normal traffic (and in slow attacks, which is the risk).
    public var keepLearning = false

    @inlinable public init() {}

    /// The first thing wrong with this configuration, or nil.
    @inlinable public var problem: StaticString? {
        if !(threshold > 0) { return "the threshold must be positive" }
        if keepLearning && !threshold.isFinite { return "keep-learning needs a finite threshold" }
        return nil
    }
}

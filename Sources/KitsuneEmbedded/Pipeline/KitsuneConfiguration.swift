/// Everything that shapes an engine: AfterImage's tables and decay rates, KitNET, and what it
/// does with scores.
public struct KitsuneConfiguration: Sendable {
    public var afterImage = AfterImageConfiguration()
    public var kitNET = KitNETConfiguration()
    public var detection = DetectionConfiguration()
    public var incidents = IncidentConfiguration()

    /// The standard feature set (`FeatureSet.standard`), KitNET sized for it.
    @inlinable public init() {
        kitNET.featureCount = afterImage.featureCount
    }

    /// The feature set; setting it sizes KitNET's input to match.
    @inlinable public var featureSet: FeatureSet {
        get { afterImage.featureSet }
        set {
            afterImage.featureSet = newValue
            kitNET.featureCount = afterImage.featureCount
        }
    }

    /// The first thing wrong with this configuration, or nil.
    @inlinable public var problem: StaticString? {
        if let problem = afterImage.problem { return problem }
        if let problem = kitNET.problem { return problem }
        if let problem = detection.problem { return problem }
        if let problem = incidents.problem { return problem }
        if kitNET.featureCount != afterImage.featureCount {
            return "KitNET's feature count differs from AfterImage's"
        }
        return nil
    }
}

/// What the engine does with a packet's features (reference section 3): the first
/// `featureMapGrace + 1` packets teach the feature mapper, the next `anomalyDetectorGrace` train
/// the autoencoders, and every later packet is scored.
public enum EnginePhase: UInt8, Sendable {
    case learningFeatureMap
    case trainingAutoencoders
    case detecting
}

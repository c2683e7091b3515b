/// KitNET: an ensemble of small autoencoders over groups of correlated features, and an output
/// autoencoder over their reconstruction errors (reference section 3).
///
/// Instances are counted from 0. The first `featureMapGrace + 1` train the feature mapper
/// (the map and the autoencoders are built on the last of them), the next
/// `anomalyDetectorGrace` train the autoencoders, and every later one is executed: its score is
/// the output autoencoder's RMSE. Weights live in arenas sized at construction for the
/// largest map the configuration allows, so building the map allocates only its index lists.
public final class KitNET<Scalar: KitsuneScalar> {
    public let configuration: KitNETConfiguration
    public internal(set) var instancesSeen = 0
    public private(set) var featureMap: [[Int]] = []
    public private(set) var ensemble: [AutoencoderShape] = []
    public private(set) var output: AutoencoderShape? = nil
    public private(set) var mapper: FeatureMapper<Scalar.Accumulator>?

    let weights: FixedBuffer<Scalar>
    /// The same weights, each autoencoder's block transposed (see `AutoencoderView`).
    let transposedWeights: FixedBuffer<Scalar>
    let hiddenBiases: FixedBuffer<Scalar>
    let visibleBiases: FixedBuffer<Scalar>
    let minima: FixedBuffer<Scalar>
    let maxima: FixedBuffer<Scalar>
    /// Scratch for one autoencoder: its normalised input, hidden and reconstructed units.
    let input: FixedBuffer<Scalar>
    let hiddenUnits: FixedBuffer<Scalar>
    let hiddenErrors: FixedBuffer<Scalar>
    let reconstruction: FixedBuffer<Scalar>
    /// The ensemble's RMSEs: the output autoencoder's input.
    let ensembleErrors: FixedBuffer<Scalar>
    /// Instances each autoencoder has trained on; 0 means its normalisers are still empty.
    let trainedInstances: FixedBuffer<Int>
    let learningRate: Scalar
    let normaliserEpsilon = Scalar(1e-16)
    /// Normalised inputs the arithmetic limited to its range (Q16: ±32 times the training range).
    let limitedInputCount: FixedBuffer<Int64>

    /// The arena sizes a configuration needs: room for the largest ensemble it allows (every
    /// feature in an autoencoder of at most m inputs, an output layer of at most n inputs), or
    /// exactly the supplied map (which may repeat features).
    struct Sizes {
        var weights = 0, hidden = 0, visible = 0, groups = 0, widest = 0, widestHidden = 0

        init(_ configuration: KitNETConfiguration) {
            let n = configuration.featureCount
            groups = n
            visible = n
            widest = n
            if let map = configuration.featureMap {
                visible = 0
                groups = map.count
                for group in map {
                    visible += group.count
                    weights += group.count * configuration.hiddenCount(visible: group.count)
                    hidden += configuration.hiddenCount(visible: group.count)
                    widest = max(widest, group.count)
                }
            } else {
                let m = min(configuration.maximumAutoencoderSize, n)
                weights = n * configuration.hiddenCount(visible: m)
                hidden = n * configuration.hiddenCount(visible: 1)
            }
            let outputHidden = configuration.hiddenCount(visible: groups)
            weights += groups * outputHidden
            hidden += outputHidden
            visible += groups
            widestHidden = configuration.hiddenCount(visible: widest)
        }
    }

    /// A KitNET in an arena of its own.
    public convenience init(configuration: KitNETConfiguration) {
        let plan = MemoryArena.measure { _ = KitNET(configuration: configuration, in: $0) }
        self.init(configuration: configuration, in: MemoryArena(capacity: plan.totalBytes)!)
    }

    /// A KitNET carved from `arena`, as the regions of the engine's memory plan.
    public init(configuration: KitNETConfiguration, in arena: MemoryArena) {
        precondition(configuration.problem == nil)
        self.configuration = configuration
        let sizes = Sizes(configuration)
        // One region: the autoencoders' parameters, their scratch units and counters.
        (weights, transposedWeights, hiddenBiases, visibleBiases, minima, maxima, input, hiddenUnits, hiddenErrors,
         reconstruction, ensembleErrors, trainedInstances, limitedInputCount) =
            arena.region("autoencoders (KitNET)", capacity: sizes.groups + 1) {
                (FixedBuffer(repeating: .zero, count: sizes.weights, in: arena),
                 FixedBuffer(repeating: .zero, count: sizes.weights, in: arena),
                 FixedBuffer(repeating: .zero, count: sizes.hidden, in: arena),
                 FixedBuffer(repeating: .zero, count: sizes.visible, in: arena),
                 FixedBuffer(repeating: .zero, count: sizes.visible, in: arena),
                 FixedBuffer(repeating: .zero, count: sizes.visible, in: arena),
                 FixedBuffer(repeating: .zero, count: sizes.widest, in: arena),
                 FixedBuffer(repeating: .zero, count: sizes.widestHidden, in: arena),
                 FixedBuffer(repeating: .zero, count: sizes.widestHidden, in: arena),
                 FixedBuffer(repeating: .zero, count: sizes.widest, in: arena),
                 FixedBuffer(repeating: .zero, count: sizes.groups, in: arena),
                 FixedBuffer(repeating: 0, count: sizes.groups + 1, in: arena),
                 FixedBuffer(repeating: 0, count: 1, in: arena))
            }
        learningRate = Scalar(configuration.learningRate)
        if let map = configuration.featureMap {
            // Weights are drawn into the arena: nothing to draw into a measuring one.
            if !arena.isMeasuring { build(map: map) }
        } else {
            mapper = arena.region("feature mapper (KitNET)", capacity: configuration.featureCount) {
                FeatureMapper(featureCount: configuration.featureCount, in: arena)
            }
        }
    }

    /// Normalised inputs the arithmetic limited to its range (Q16: ±32 times the training range):
    /// traffic far outside what was learned.
    public var limitedInputs: Int64 { limitedInputCount[0] }

    /// Whether instances are scored rather than learned from.
    public var isExecuting: Bool {
        instancesSeen > configuration.featureMapGrace + configuration.anomalyDetectorGrace
    }

    /// Learns from the instance during the grace periods (returning 0) and scores it after.
    public func process(_ x: UnsafePointer<Scalar>) -> Scalar {
        if isExecuting { return execute(x) }
        _ = train(x)
        return .zero
    }

    /// Trains on one instance; returns the output layer's RMSE once the autoencoders exist.
    @discardableResult
    public func train(_ x: UnsafePointer<Scalar>) -> Scalar {
        // Saturating: online learning may go on past 2^31 instances on a 32-bit router.
        defer { if instancesSeen < Int.max { instancesSeen += 1 } }
        if let mapper, instancesSeen <= configuration.featureMapGrace {
            mapper.update(x)
            if instancesSeen == configuration.featureMapGrace {
                build(map: mapper.cluster(maximumSize: configuration.maximumAutoencoderSize))
                self.mapper = nil
            }
            return .zero
        }
        guard let output else { return .zero }
        for (index, shape) in ensemble.enumerated() {
            gather(x, group: featureMap[index])
            ensembleErrors[index] = trainAutoencoder(shape)
        }
        copyEnsembleErrors(count: ensemble.count)
        return trainAutoencoder(output)
    }

    /// Scores one instance without learning (0 before the autoencoders exist).
    public func execute(_ x: UnsafePointer<Scalar>) -> Scalar {
        guard let output else { return .zero }
        for (index, shape) in ensemble.enumerated() {
            gather(x, group: featureMap[index])
            ensembleErrors[index] = executeAutoencoder(shape)
        }
        copyEnsembleErrors(count: ensemble.count)
        return executeAutoencoder(output)
    }

    @inline(__always)
    func gather(_ x: UnsafePointer<Scalar>, group: [Int]) {
        for (position, feature) in group.enumerated() { input[position] = x[feature] }
    }

    @inline(__always)
    func copyEnsembleErrors(count: Int) {
        for index in 0..<count { input[index] = ensembleErrors[index] }
    }

    /// Lays the autoencoders out in the arenas and draws their initial weights.
    func build(map: [[Int]]) {
        featureMap = map
        var weightOffset = 0, hiddenOffset = 0, visibleOffset = 0
        var shapes: [AutoencoderShape] = []
        shapes.reserveCapacity(map.count)
        func place(visible: Int) -> AutoencoderShape {
            let shape = AutoencoderShape(index: shapes.count, visible: visible, hidden: configuration.hiddenCount(visible: visible),
                                         weights: weightOffset, hiddenBiases: hiddenOffset,
                                         visibleUnits: visibleOffset)
            weightOffset += shape.visible * shape.hidden
            hiddenOffset += shape.hidden
            visibleOffset += shape.visible
            initialise(shape)
            return shape
        }
        for group in map { shapes.append(place(visible: group.count)) }
        ensemble = shapes
        output = place(visible: map.count)
    }
}

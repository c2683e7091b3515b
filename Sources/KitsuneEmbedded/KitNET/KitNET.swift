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
    public private(set) var instancesSeen = 0
    public private(set) var featureMap: [[Int]] = []
    public private(set) var ensemble: [AutoencoderShape] = []
    public private(set) var output: AutoencoderShape? = nil
    public private(set) var mapper: FeatureMapper<Scalar>?

    let weights: FixedBuffer<Scalar>
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

    public init(configuration: KitNETConfiguration) {
        precondition(configuration.problem == nil)
        self.configuration = configuration
        let n = configuration.featureCount
        // Room for the largest ensemble the configuration allows: every feature in one
        // autoencoder of at most m inputs, and an output layer of at most n inputs. A supplied
        // map may repeat features; size for it exactly.
        var visibleTotal = n, weightTotal = 0, hiddenTotal = 0, groups = n, widest = n
        if let map = configuration.featureMap {
            visibleTotal = 0
            groups = map.count
            for group in map {
                visibleTotal += group.count
                weightTotal += group.count * configuration.hiddenCount(visible: group.count)
                hiddenTotal += configuration.hiddenCount(visible: group.count)
                widest = max(widest, group.count)
            }
        } else {
            let m = min(configuration.maximumAutoencoderSize, n)
            weightTotal = n * configuration.hiddenCount(visible: m)
            hiddenTotal = n * configuration.hiddenCount(visible: 1)
        }
        let outputHidden = configuration.hiddenCount(visible: groups)
        weightTotal += groups * outputHidden
        hiddenTotal += outputHidden
        visibleTotal += groups
        weights = FixedBuffer(repeating: .zero, count: weightTotal)
        hiddenBiases = FixedBuffer(repeating: .zero, count: hiddenTotal)
        visibleBiases = FixedBuffer(repeating: .zero, count: visibleTotal)
        minima = FixedBuffer(repeating: .zero, count: visibleTotal)
        maxima = FixedBuffer(repeating: .zero, count: visibleTotal)
        let widestHidden = configuration.hiddenCount(visible: widest)
        input = FixedBuffer(repeating: .zero, count: widest)
        hiddenUnits = FixedBuffer(repeating: .zero, count: widestHidden)
        hiddenErrors = FixedBuffer(repeating: .zero, count: widestHidden)
        reconstruction = FixedBuffer(repeating: .zero, count: widest)
        ensembleErrors = FixedBuffer(repeating: .zero, count: groups)
        trainedInstances = FixedBuffer(repeating: 0, count: groups + 1)
        learningRate = Scalar(configuration.learningRate)
        if let map = configuration.featureMap {
            build(map: map)
        } else {
            mapper = FeatureMapper(featureCount: n)
        }
    }

    public var byteCount: Int {
        weights.byteCount + hiddenBiases.byteCount + visibleBiases.byteCount + minima.byteCount
            + maxima.byteCount + input.byteCount * 2 + hiddenUnits.byteCount * 2 + ensembleErrors.byteCount
            + (mapper?.byteCount ?? 0)
    }

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
        defer { instancesSeen += 1 }
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

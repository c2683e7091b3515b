/// KitNET: an ensemble of small autoencoders over groups of correlated features, and an output
/// autoencoder over their reconstruction errors (reference section 3).
///
/// Instances are counted from 0. The first `featureMapGrace + 1` train the feature mapper
/// (the map and the autoencoders are built on the last of them), the next
/// `anomalyDetectorGrace` train the autoencoders, and every later one is executed: its score is
/// the output autoencoder's RMSE. Weights live in the arena, sized at construction for the
/// largest map the configuration allows; the map and the autoencoders' shapes are made once,
/// when the map is built.
public final class KitNET<Scalar: KitsuneScalar> {
    public let configuration: KitNETConfiguration
    /// Instances seen, from 0 (saturating).
    @usableFromInline let instanceCount: ArenaCell<Int>
    /// The autoencoders and the map, once built (empty before).
    @usableFromInline let ensembleLayout: ArenaCell<EnsembleLayout>
    /// The feature mapper, while the map is learned (nil with a given map).
    @usableFromInline let featureMapper: FeatureMapper<Scalar.Accumulator>?

    @usableFromInline let weights: FixedBuffer<Scalar>
    /// The same weights, each autoencoder's block transposed (see `AutoencoderView`).
    @usableFromInline let transposedWeights: FixedBuffer<Scalar>
    @usableFromInline let hiddenBiases: FixedBuffer<Scalar>
    @usableFromInline let visibleBiases: FixedBuffer<Scalar>
    @usableFromInline let minima: FixedBuffer<Scalar>
    @usableFromInline let maxima: FixedBuffer<Scalar>
    /// Per visible unit, 1 if its normaliser starts from its feature's least range
    /// (`FeatureColumn.leastRange`) rather than from the first instance.
    @usableFromInline let hasLeastRange: FixedBuffer<UInt8>
    /// Per feature, its least range in KitNET's units, and whether it has one.
    @usableFromInline let featureLeastMinima: FixedBuffer<Scalar>
    @usableFromInline let featureLeastMaxima: FixedBuffer<Scalar>
    @usableFromInline let featureHasLeastRange: FixedBuffer<UInt8>
    /// Scratch units of every autoencoder at once, at the offsets of its biases (`AutoencoderShape`):
    /// the normalised inputs, hidden units and their errors, and the reconstructions. The ensemble
    /// is computed layer by layer across its autoencoders (`KitNET+Ensemble`).
    @usableFromInline let input: FixedBuffer<Scalar>
    @usableFromInline let hiddenUnits: FixedBuffer<Scalar>
    @usableFromInline let hiddenErrors: FixedBuffer<Scalar>
    @usableFromInline let reconstruction: FixedBuffer<Scalar>
    /// The ensemble's RMSEs: the output autoencoder's input.
    @usableFromInline let ensembleErrors: FixedBuffer<Scalar>
    /// Instances each autoencoder has trained on; 0 means its normalisers are still empty.
    @usableFromInline let trainedInstances: FixedBuffer<Int>
    @usableFromInline let learningRate: Scalar
    @usableFromInline let normaliserEpsilon = Scalar(1e-16)
    /// Normalised inputs the arithmetic limited to its range (Q16: ±32 times the training range).
    @usableFromInline let limitedInputCount: FixedBuffer<Int64>

    /// Elements every weight, bias, normaliser and scratch buffer has past its end: a vector
    /// arithmetic (`KitsuneScalar.multiply`) reads whole vectors of 8 lanes, the last of which may
    /// reach past the last row; the lanes past the end are computed and never used.
    @inlinable static var vectorSlack: Int { 8 }

    /// The arena sizes a configuration needs: room for the largest ensemble it allows (every
    /// feature in an autoencoder of at most m inputs, an output layer of at most n inputs), or
    /// exactly the supplied map (which may repeat features).
    @usableFromInline struct Sizes {
        @usableFromInline var weights = 0, hidden = 0, visible = 0, groups = 0

        @inlinable init(_ configuration: KitNETConfiguration) {
            let n = configuration.featureCount
            groups = n
            visible = n
            if let map = configuration.featureMap {
                visible = 0
                groups = map.count
                for group in map {
                    visible += group.count
                    weights += group.count * configuration.hiddenCount(visible: group.count)
                    hidden += configuration.hiddenCount(visible: group.count)
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
        }
    }

    /// A KitNET in an arena of its own.
    public convenience init(configuration: KitNETConfiguration, leastRanges: [FeatureRange<Scalar>?] = []) {
        let plan = MemoryArena.measure { _ = KitNET(configuration: configuration, leastRanges: leastRanges, in: $0) }
        self.init(configuration: configuration, leastRanges: leastRanges, in: MemoryArena(capacity: plan.totalBytes)!)
    }

    /// A KitNET carved from `arena`, as the regions of the engine's memory plan. `leastRanges`
    /// (per feature, or empty for none) are the ranges the normalisers span whatever training shows.
    public init(configuration: KitNETConfiguration, leastRanges: [FeatureRange<Scalar>?] = [], in arena: MemoryArena) {
        precondition(leastRanges.isEmpty || leastRanges.count == configuration.featureCount)
        precondition(configuration.problem == nil)
        self.configuration = configuration
        let sizes = Sizes(configuration)
        // One region: the autoencoders' parameters, their scratch units and counters.
        arena.beginRegion("autoencoders (KitNET)", capacity: sizes.groups + 1)
        let slack = Self.vectorSlack
        weights = FixedBuffer(repeating: .zero, count: sizes.weights + slack, in: arena)
        transposedWeights = FixedBuffer(repeating: .zero, count: sizes.weights + slack, in: arena)
        hiddenBiases = FixedBuffer(repeating: .zero, count: sizes.hidden + slack, in: arena)
        visibleBiases = FixedBuffer(repeating: .zero, count: sizes.visible + slack, in: arena)
        minima = FixedBuffer(repeating: .zero, count: sizes.visible + slack, in: arena)
        maxima = FixedBuffer(repeating: .zero, count: sizes.visible + slack, in: arena)
        hasLeastRange = FixedBuffer(repeating: 0, count: sizes.visible, in: arena)
        featureLeastMinima = FixedBuffer(repeating: .zero, count: configuration.featureCount, in: arena)
        featureLeastMaxima = FixedBuffer(repeating: .zero, count: configuration.featureCount, in: arena)
        featureHasLeastRange = FixedBuffer(repeating: 0, count: configuration.featureCount, in: arena)
        input = FixedBuffer(repeating: .zero, count: sizes.visible + slack, in: arena)
        hiddenUnits = FixedBuffer(repeating: .zero, count: sizes.hidden + slack, in: arena)
        hiddenErrors = FixedBuffer(repeating: .zero, count: sizes.hidden + slack, in: arena)
        reconstruction = FixedBuffer(repeating: .zero, count: sizes.visible + slack, in: arena)
        ensembleErrors = FixedBuffer(repeating: .zero, count: sizes.groups, in: arena)
        trainedInstances = FixedBuffer(repeating: 0, count: sizes.groups + 1, in: arena)
        limitedInputCount = FixedBuffer(repeating: 0, count: 1, in: arena)
        ensembleLayout = ArenaCell(EnsembleLayout(), in: arena)
        instanceCount = ArenaCell(0, in: arena)
        arena.endRegion()
        if featureHasLeastRange.isWritable {
            for (feature, range) in leastRanges.enumerated() {
                guard let range else { continue }
                featureLeastMinima[feature] = range.minimum
                featureLeastMaxima[feature] = range.maximum
                featureHasLeastRange[feature] = 1
            }
        }
        learningRate = Scalar(configuration.learningRate)
        if let map = configuration.featureMap {
            featureMapper = nil
            // Weights are drawn into the arena: nothing to draw into a measuring one.
            if !arena.isMeasuring { build(map: map) }
        } else {
            arena.beginRegion("feature mapper (KitNET)", capacity: configuration.featureCount)
            featureMapper = FeatureMapper(featureCount: configuration.featureCount, in: arena)
            arena.endRegion()
        }
    }

    /// Normalised inputs the arithmetic limited to its range (Q16: ±32 times the training range):
    /// traffic far outside what was learned.
    @inlinable public var limitedInputs: Int64 { limitedInputCount[0] }

    // The layout holds arrays: release them (the rest of the arena holds plain values).
    deinit {
        if !weights.arena.isMeasuring { ensembleLayout.pointer.deinitialize(count: 1) }
    }

    /// Instances seen so far.
    public var instancesSeen: Int { instanceCount.value }

    /// The feature map: groups of feature indices, in autoencoder order (empty before it is built).
    public var featureMap: [[Int]] {
        let layout = ensembleLayout.value
        return (0..<layout.groupCount).map { group in
            let shape = layout.shapes[group]
            return (0..<shape.visible).map { Int(layout.features[shape.visibleUnits + $0]) }
        }
    }

    /// The ensemble's autoencoders (empty before the map is built).
    public var ensemble: [AutoencoderShape] { Array(ensembleLayout.value.shapes.dropLast()) }

    /// The output autoencoder, once the map is built.
    public var output: AutoencoderShape? { ensembleLayout.value.shapes.last }

    /// Whether instances are scored rather than learned from.
    @inlinable public var isExecuting: Bool {
        instanceCount.value > configuration.featureMapGrace + configuration.anomalyDetectorGrace
    }

    /// Learns from the instance during the grace periods (returning 0) and scores it after.
    @inlinable public func process(_ x: UnsafePointer<Scalar>) -> Scalar {
        if isExecuting { return execute(x) }
        _ = train(x)
        return .zero
    }

    /// Trains on one instance; returns the output layer's RMSE once the autoencoders exist.
    @discardableResult
    @inlinable public func train(_ x: UnsafePointer<Scalar>) -> Scalar {
        // Saturating: online learning may go on past 2^31 instances on a 32-bit router.
        let seen = instanceCount.value
        defer { if seen < Int.max { instanceCount.value = seen + 1 } }
        if let mapper = featureMapper, seen <= configuration.featureMapGrace {
            mapper.update(x)
            if seen == configuration.featureMapGrace {
                build(map: mapper.cluster(maximumSize: configuration.maximumAutoencoderSize))
            }
            return .zero
        }
        return ensembleLayout.value.shapes.withUnsafeBufferPointer { shapes in
            guard shapes.count > 1, let output = shapes.last else { return .zero }
            let ensemble = UnsafeBufferPointer(rebasing: shapes.dropLast())
            gatherEnsembleInputs(x, count: output.visibleUnits)
            trainEnsemble(ensemble, output: output)
            return trainAutoencoder(output)
        }
    }

    /// Scores one instance without learning (0 before the autoencoders exist).
    @inlinable public func execute(_ x: UnsafePointer<Scalar>) -> Scalar {
        ensembleLayout.value.shapes.withUnsafeBufferPointer { shapes in
            guard shapes.count > 1, let output = shapes.last else { return .zero }
            let ensemble = UnsafeBufferPointer(rebasing: shapes.dropLast())
            gatherEnsembleInputs(x, count: output.visibleUnits)
            executeEnsemble(ensemble, output: output)
            return executeAutoencoder(output)
        }
    }

    /// Every ensemble autoencoder's inputs from the instance, by the map: the features sit in
    /// `features` where the autoencoders' visible units sit (`count` of them, the output
    /// layer's first unit).
    @inline(__always)
    @inlinable func gatherEnsembleInputs(_ x: UnsafePointer<Scalar>, count: Int) {
        ensembleLayout.value.features.withUnsafeBufferPointer { features in
            for position in 0..<count { input[position] = x[Int(features[position])] }
        }
    }

    /// Lays the autoencoders out in the arenas and draws their initial weights.
    @usableFromInline func build(map: [[Int]]) {
        precondition(ensembleLayout.value.groupCount == 0, "the map is built once")
        var layout = EnsembleLayout()
        var weightOffset = 0, hiddenOffset = 0, visibleOffset = 0
        func place(visible: Int, features: ArraySlice<Int32>?) {
            let shape = AutoencoderShape(index: layout.shapes.count, visible: visible,
                                         hidden: configuration.hiddenCount(visible: visible),
                                         weights: weightOffset, hiddenBiases: hiddenOffset, visibleUnits: visibleOffset)
            weightOffset += shape.visible * shape.hidden
            hiddenOffset += shape.hidden
            visibleOffset += shape.visible
            initialise(shape, features: features)
            layout.shapes.append(shape)
        }
        for group in map {
            // An ensemble autoencoder's inputs sit in `features` where its visible units sit.
            let start = layout.features.count
            for feature in group { layout.features.append(Int32(feature)) }
            place(visible: group.count, features: layout.features[start...])
        }
        place(visible: map.count, features: nil)
        layout.groupCount = map.count
        ensembleLayout.value = layout
    }
}

/// The autoencoders of a KitNET and its feature map, made once when the map is built: the
/// ensemble's shapes then the output layer's, and each ensemble autoencoder's features at the
/// offset of its visible units.
@usableFromInline
struct EnsembleLayout {
    @usableFromInline var shapes: [AutoencoderShape] = []
    @usableFromInline var features: [Int32] = []
    @usableFromInline var groupCount = 0

    @inlinable init() {}
}

/// A range of a feature's values, in KitNET's arithmetic.
public struct FeatureRange<Scalar: KitsuneScalar> {
    public var minimum: Scalar
    public var maximum: Scalar

    @inlinable public init(minimum: Scalar, maximum: Scalar) {
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// KitNET: an ensemble of small autoencoders over groups of correlated features, and an output
/// autoencoder over their reconstruction errors (reference section 3).
///
/// Instances are counted from 0. The first `featureMapGrace + 1` train the feature mapper
/// (the map and the autoencoders are built on the last of them), the next
/// `anomalyDetectorGrace` train the autoencoders, and every later one is executed: its score is
/// the output autoencoder's RMSE. Weights live in the arena, sized at construction for the
/// largest map the configuration allows; the map and the autoencoders' shapes are made once,
/// when the map is built.
///
/// The ensemble's autoencoders are computed four at a time, side by side in bundles
/// (`AutoencoderBundle`, `KitNET+Ensemble`); the output autoencoder, which has the ensemble's
/// many errors as inputs, along its own rows and columns (`AutoencoderView`).
public final class KitNET<Scalar: KitsuneScalar> {
    public let configuration: KitNETConfiguration
    /// Instances seen, from 0 (saturating).
    @usableFromInline let instanceCount: ArenaCell<Int>
    /// The autoencoders and the map, once built (empty before); for everything but the packets.
    @usableFromInline let ensembleLayout: ArenaCell<EnsembleLayout>
    /// What the packets need of the layout, as plain values in the arena.
    @usableFromInline let built: ArenaCell<BuiltEnsemble>
    /// The feature mapper, while the map is learned (nil with a given map).
    @usableFromInline let featureMapper: FeatureMapper<Scalar.Accumulator>?

    /// The weights of the ensemble, in bundles (`AutoencoderBundle` says where), then the
    /// output autoencoder's (from `BuiltEnsemble.outputWeights`, row-major).
    @usableFromInline let weights: FixedBuffer<Scalar>
    // The ensemble's biases and normalisers, in bundles.
    @usableFromInline let laneHiddenBiases: FixedBuffer<Scalar>
    @usableFromInline let laneVisibleBiases: FixedBuffer<Scalar>
    @usableFromInline let laneMinima: FixedBuffer<Scalar>
    @usableFromInline let laneMaxima: FixedBuffer<Scalar>
    /// Per visible unit, 1 if its normaliser starts from its feature's least range
    /// (`FeatureColumn.leastRange`) rather than from the first instance.
    @usableFromInline let laneHasLeastRange: FixedBuffer<UInt8>
    /// Per lane, its member's inputs and hidden units (0 for an empty lane): where its
    /// padding starts, which is kept out of the errors and the gradient.
    @usableFromInline let laneVisibleCounts: FixedBuffer<Int32>
    @usableFromInline let laneHiddenCounts: FixedBuffer<Int32>
    /// One bundle's RMSEs, lane by lane (scratch).
    @usableFromInline let bundleErrors: FixedBuffer<Scalar>
    /// Per lane, its member's index in the ensemble, or -1.
    @usableFromInline let laneAutoencoders: FixedBuffer<Int32>
    @usableFromInline let bundles: FixedBuffer<AutoencoderBundle>
    /// The instance's features in the map's order, and the visible unit each goes to.
    @usableFromInline let gatherFeatures: FixedBuffer<Int32>
    @usableFromInline let gatherUnits: FixedBuffer<Int32>
    // The ensemble's scratch units: normalised inputs, hidden units and their errors,
    // reconstructions (then the masked residuals).
    @usableFromInline let laneInput: FixedBuffer<Scalar>
    @usableFromInline let laneHidden: FixedBuffer<Scalar>
    @usableFromInline let laneHiddenErrors: FixedBuffer<Scalar>
    @usableFromInline let laneReconstruction: FixedBuffer<Scalar>

    // The output autoencoder: its weights transposed (see `AutoencoderView`), biases,
    // normalisers and scratch units; its input is the ensemble's RMSEs.
    @usableFromInline let transposedWeights: FixedBuffer<Scalar>
    @usableFromInline let hiddenBiases: FixedBuffer<Scalar>
    @usableFromInline let visibleBiases: FixedBuffer<Scalar>
    @usableFromInline let minima: FixedBuffer<Scalar>
    @usableFromInline let maxima: FixedBuffer<Scalar>
    @usableFromInline let hasLeastRange: FixedBuffer<UInt8>
    @usableFromInline let input: FixedBuffer<Scalar>
    @usableFromInline let hiddenUnits: FixedBuffer<Scalar>
    @usableFromInline let hiddenErrors: FixedBuffer<Scalar>
    @usableFromInline let reconstruction: FixedBuffer<Scalar>

    /// Per feature, its least range in KitNET's units, and whether it has one.
    @usableFromInline let featureLeastMinima: FixedBuffer<Scalar>
    @usableFromInline let featureLeastMaxima: FixedBuffer<Scalar>
    @usableFromInline let featureHasLeastRange: FixedBuffer<UInt8>
    /// Instances each autoencoder (the output last) has trained on; 0 means its normalisers are
    /// still empty.
    @usableFromInline let trainedInstances: FixedBuffer<Int>
    @usableFromInline let learningRate: Scalar
    @usableFromInline let normaliserEpsilon = Scalar(1e-16)
    /// Normalised inputs the arithmetic limited to its range (Q16: ±32 times the training range).
    @usableFromInline let limitedInputCount: FixedBuffer<Int64>

    /// Elements every flat buffer has past its end: the float32 normaliser and logistic read and
    /// write whole vectors of 8 lanes, the last of which may reach past the last unit; the lanes
    /// past the end are computed and never used.
    @inlinable static var vectorSlack: Int { 8 }

    /// The arena sizes a configuration needs: room for the largest ensemble it allows (every
    /// feature in an autoencoder of at most m inputs, an output layer of at most n inputs), or
    /// exactly the supplied map (which may repeat features).
    @usableFromInline struct Sizes {
        /// The ensemble's bundles and the output autoencoder: weights (together, see below).
        @usableFromInline var weights = 0
        /// The ensemble's bundles: hidden units, visible units, lanes.
        @usableFromInline var hidden = 0, visible = 0, lanes = 0
        /// Features gathered into the ensemble (the map's entries).
        @usableFromInline var entries = 0
        /// Autoencoders in the ensemble: the output autoencoder's inputs.
        @usableFromInline var groups = 0

        @inlinable init(_ configuration: KitNETConfiguration) {
            let n = configuration.featureCount
            let h = configuration.hiddenCount
            if let map = configuration.featureMap {
                let plan = BundlePlan(visible: map.map { $0.count }, hidden: map.map { h($0.count) })
                weights = plan.weightCount + map.count * h(map.count)
                hidden = plan.hiddenUnitCount
                visible = plan.visibleUnitCount
                lanes = plan.laneCount
                groups = map.count
                entries = map.reduce(0) { $0 + $1.count }
                return
            }
            // The largest ensemble the configuration allows: n features in G groups of at most
            // m. The largest group then has at most s = min(m, n - G + 1) features, and the
            // bundles' padding adds at most one bundle of it (bundles take the largest first, so
            // each is no larger than the members of the one before). Many small groups make a
            // large output layer (G·h(G) weights), few large ones a large ensemble: the weights
            // of both share one buffer, sized for the largest sum over G.
            let m = min(configuration.maximumAutoencoderSize, n)
            let lanes = AutoencoderBundle.lanes
            for count in stride(from: n, through: 1, by: -1) {
                let s = min(m, n - count + 1)
                weights = max(weights, n * h(s) + lanes * s * h(s) + count * h(count))
            }
            hidden = n * h(1) + lanes * h(m)
            visible = n + lanes * m
            self.lanes = n + lanes
            groups = n
            entries = n
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
        // Not inlined: two dozen buffers are carved here, and a router has no room for two dozen
        // copies of the carving.
        @inline(never) func scalars(_ count: Int) -> FixedBuffer<Scalar> {
            FixedBuffer(repeating: .zero, count: count + slack, in: arena)
        }
        @inline(never) func integers(_ count: Int, _ value: Int32 = 0) -> FixedBuffer<Int32> {
            FixedBuffer(repeating: value, count: count, in: arena)
        }
        weights = scalars(sizes.weights)
        laneHiddenBiases = scalars(sizes.hidden)
        laneVisibleBiases = scalars(sizes.visible)
        laneMinima = scalars(sizes.visible)
        laneMaxima = scalars(sizes.visible)
        laneHasLeastRange = FixedBuffer(repeating: 0, count: sizes.visible, in: arena)
        laneVisibleCounts = integers(sizes.lanes)
        laneHiddenCounts = integers(sizes.lanes)
        bundleErrors = scalars(AutoencoderBundle.lanes)
        laneAutoencoders = integers(sizes.lanes, -1)
        bundles = FixedBuffer(repeating: AutoencoderBundle(visible: 0, hidden: 0, weights: 0, hiddenUnits: 0,
                                                           visibleUnits: 0, firstLane: 0),
                              count: (sizes.lanes + AutoencoderBundle.lanes - 1) / AutoencoderBundle.lanes, in: arena)
        gatherFeatures = integers(sizes.entries)
        gatherUnits = integers(sizes.entries)
        laneInput = scalars(sizes.visible)
        laneHidden = scalars(sizes.hidden)
        laneHiddenErrors = scalars(sizes.hidden)
        laneReconstruction = scalars(sizes.visible)
        let outputHidden = configuration.hiddenCount(visible: sizes.groups)
        transposedWeights = scalars(sizes.groups * outputHidden)
        hiddenBiases = scalars(outputHidden)
        visibleBiases = scalars(sizes.groups)
        minima = scalars(sizes.groups)
        maxima = scalars(sizes.groups)
        hasLeastRange = FixedBuffer(repeating: 0, count: sizes.groups, in: arena)
        input = scalars(sizes.groups)
        hiddenUnits = scalars(outputHidden)
        hiddenErrors = scalars(outputHidden)
        reconstruction = scalars(sizes.groups)
        featureLeastMinima = FixedBuffer(repeating: .zero, count: configuration.featureCount, in: arena)
        featureLeastMaxima = FixedBuffer(repeating: .zero, count: configuration.featureCount, in: arena)
        featureHasLeastRange = FixedBuffer(repeating: 0, count: configuration.featureCount, in: arena)
        trainedInstances = FixedBuffer(repeating: 0, count: sizes.groups + 1, in: arena)
        limitedInputCount = FixedBuffer(repeating: 0, count: 1, in: arena)
        ensembleLayout = ArenaCell(EnsembleLayout(), in: arena)
        built = ArenaCell(BuiltEnsemble(), in: arena)
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
        return (0..<built.value.groups).map { group in
            let shape = layout.shapes[group]
            return (0..<shape.visible).map { Int(layout.features[shape.firstFeature + $0]) }
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
        let ensemble = built.value
        guard ensemble.groups > 0 else { return .zero }
        gatherEnsembleInputs(x, ensemble)
        trainEnsemble(ensemble)
        return trainOutput(ensemble)
    }

    /// Scores one instance without learning (0 before the autoencoders exist).
    @inlinable public func execute(_ x: UnsafePointer<Scalar>) -> Scalar {
        let ensemble = built.value
        guard ensemble.groups > 0 else { return .zero }
        gatherEnsembleInputs(x, ensemble)
        executeEnsemble(ensemble)
        return outputView(ensemble).execute()
    }

    /// Every ensemble autoencoder's inputs from the instance, by the map, into their bundles'
    /// visible units (the padding is never written: it stays 0).
    @inline(__always)
    @inlinable func gatherEnsembleInputs(_ x: UnsafePointer<Scalar>, _ ensemble: BuiltEnsemble) {
        let features = gatherFeatures.base, units = gatherUnits.base, input = laneInput.base
        for entry in 0..<ensemble.entries { input[Int(units[entry])] = x[Int(features[entry])] }
    }

    /// Lays the autoencoders out in the arenas and draws their initial weights.
    @usableFromInline func build(map: [[Int]]) {
        precondition(built.value.groups == 0, "the map is built once")
        let hiddenCounts = map.map { configuration.hiddenCount(visible: $0.count) }
        let plan = BundlePlan(visible: map.map { $0.count }, hidden: hiddenCounts)
        var layout = EnsembleLayout()
        var ensemble = BuiltEnsemble()
        ensemble.groups = map.count
        ensemble.entries = map.reduce(0) { $0 + $1.count }
        ensemble.bundles = plan.bundles.count
        ensemble.visibleUnits = plan.visibleUnitCount
        ensemble.hiddenUnits = plan.hiddenUnitCount
        ensemble.outputHidden = configuration.hiddenCount(visible: map.count)
        ensemble.outputWeights = plan.weightCount
        built.value = ensemble
        for (index, bundle) in plan.bundles.enumerated() { bundles[index] = bundle }
        var entry = 0
        for (index, group) in map.enumerated() {
            let (bundleIndex, lane) = plan.placement[index]
            let bundle = plan.bundles[bundleIndex]
            let shape = AutoencoderShape(index: index, visible: group.count, hidden: hiddenCounts[index],
                                         bundle: bundleIndex, lane: lane, firstFeature: layout.features.count)
            // An ensemble autoencoder's inputs, in order, and where each goes in its bundle.
            for (position, feature) in group.enumerated() {
                layout.features.append(Int32(feature))
                gatherFeatures[entry] = Int32(feature)
                gatherUnits[entry] = Int32(bundle.visibleUnits + bundle.unit(position, lane: lane))
                entry += 1
            }
            laneAutoencoders[bundle.firstLane + lane] = Int32(index)
            laneVisibleCounts[bundle.firstLane + lane] = Int32(group.count)
            laneHiddenCounts[bundle.firstLane + lane] = Int32(shape.hidden)
            layout.shapes.append(shape)
            initialise(shape, features: layout.features[shape.firstFeature...])
        }
        let output = AutoencoderShape(index: map.count, visible: map.count, hidden: ensemble.outputHidden,
                                      bundle: -1, lane: 0, firstFeature: 0)
        layout.shapes.append(output)
        initialise(output, features: [])
        ensembleLayout.value = layout
    }
}

/// The autoencoders of a KitNET and its feature map, made once when the map is built: the
/// ensemble's shapes then the output layer's, and each ensemble autoencoder's features, in
/// order, from its `firstFeature`.
@usableFromInline
struct EnsembleLayout {
    @usableFromInline var shapes: [AutoencoderShape] = []
    @usableFromInline var features: [Int32] = []

    @inlinable init() {}
}

/// The sizes of the ensemble once built, as plain values for every packet (0 groups before).
@usableFromInline
struct BuiltEnsemble {
    /// Autoencoders in the ensemble: the output autoencoder's inputs.
    @usableFromInline var groups = 0
    /// Entries of the map: features gathered per instance.
    @usableFromInline var entries = 0
    @usableFromInline var bundles = 0
    /// The bundles' visible and hidden units, all lanes.
    @usableFromInline var visibleUnits = 0
    @usableFromInline var hiddenUnits = 0
    /// The output autoencoder's hidden units, and where its weights start.
    @usableFromInline var outputHidden = 0
    @usableFromInline var outputWeights = 0

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

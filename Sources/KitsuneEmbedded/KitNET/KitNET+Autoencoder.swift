extension KitNET {
    /// The reference's `dA` initial state: `W` uniform in [-1/nv, 1/nv) from MT19937 seeded 1234
    /// (fresh for every autoencoder, as NumPy's `RandomState(1234).uniform`), biases 0, the
    /// normalisers empty (max = -inf, min = +inf: no instance trained yet), except those of an
    /// ensemble autoencoder's `features` with a least range, which start from it.
    @inlinable func initialise(_ shape: AutoencoderShape, features: ArraySlice<Int32>) {
        let random = MersenneTwister(seed: 1234)
        let a = 1 / Double(shape.visible)
        let low = -a, width = a - low
        for i in 0..<shape.visible {
            for j in 0..<shape.hidden {
                let weight = Scalar(low + width * random.nextUniform())
                setWeight(weight, shape, i, j)
            }
        }
        for j in 0..<shape.hidden { setParameter(.zero, of: shape, .hiddenBias, j) }
        for i in 0..<shape.visible {
            for part in [Parameter.visibleBias, .minimum, .maximum] { setParameter(.zero, of: shape, part, i) }
        }
        if !shape.isOutput {
            for (i, feature) in features.map({ Int($0) }).enumerated() {
                let unit = visibleUnit(shape, i)
                laneHasLeastRange[unit] = featureHasLeastRange[feature]
                if featureHasLeastRange[feature] != 0 {
                    laneMinima[unit] = featureLeastMinima[feature]
                    laneMaxima[unit] = featureLeastMaxima[feature]
                }
            }
        }
        trainedInstances[shape.index] = 0
    }

    /// The parts of an autoencoder besides its weights, in `ModelFile` order.
    @usableFromInline enum Parameter {
        case hiddenBias, visibleBias, minimum, maximum
    }

    /// An ensemble autoencoder's visible unit i, among its bundles' units.
    @inline(__always)
    @inlinable func visibleUnit(_ shape: AutoencoderShape, _ i: Int) -> Int {
        let bundle = bundles[shape.bundle]
        return bundle.visibleUnits + bundle.unit(i, lane: shape.lane)
    }

    /// An ensemble autoencoder's hidden unit j, among its bundles' units.
    @inline(__always)
    @inlinable func hiddenUnit(_ shape: AutoencoderShape, _ j: Int) -> Int {
        let bundle = bundles[shape.bundle]
        return bundle.hiddenUnits + bundle.unit(j, lane: shape.lane)
    }

    @inlinable func weight(_ shape: AutoencoderShape, _ i: Int, _ j: Int) -> Scalar {
        if shape.isOutput { return weights[built.value.outputWeights + i * shape.hidden + j] }
        let bundle = bundles[shape.bundle]
        return weights[bundle.weights + bundle.weight(i, j, lane: shape.lane)]
    }

    /// Sets `W[i][j]` (and, for the output autoencoder, its transposed copy).
    @inlinable func setWeight(_ value: Scalar, _ shape: AutoencoderShape, _ i: Int, _ j: Int) {
        if shape.isOutput {
            weights[built.value.outputWeights + i * shape.hidden + j] = value
            transposedWeights[j * shape.visible + i] = value
        } else {
            let bundle = bundles[shape.bundle]
            weights[bundle.weights + bundle.weight(i, j, lane: shape.lane)] = value
        }
    }

    /// The buffer and index of element `k` of one of an autoencoder's parts.
    @inlinable func location(of part: Parameter, _ shape: AutoencoderShape, _ k: Int) -> (FixedBuffer<Scalar>, Int) {
        if shape.isOutput {
            switch part {
            case .hiddenBias: return (hiddenBiases, k)
            case .visibleBias: return (visibleBiases, k)
            case .minimum: return (minima, k)
            case .maximum: return (maxima, k)
            }
        }
        switch part {
        case .hiddenBias: return (laneHiddenBiases, hiddenUnit(shape, k))
        case .visibleBias: return (laneVisibleBiases, visibleUnit(shape, k))
        case .minimum: return (laneMinima, visibleUnit(shape, k))
        case .maximum: return (laneMaxima, visibleUnit(shape, k))
        }
    }

    @inlinable func parameter(of shape: AutoencoderShape, _ part: Parameter, _ k: Int) -> Scalar {
        let (buffer, index) = location(of: part, shape, k)
        return buffer[index]
    }

    @inlinable func setParameter(_ value: Scalar, of shape: AutoencoderShape, _ part: Parameter, _ k: Int) {
        let (buffer, index) = location(of: part, shape, k)
        buffer[index] = value
    }

    /// The initial or current weights of an autoencoder, row-major (visible × hidden), for
    /// checks and model files.
    public func weights(of shape: AutoencoderShape) -> [Scalar] {
        var values: [Scalar] = []
        values.reserveCapacity(shape.visible * shape.hidden)
        for i in 0..<shape.visible {
            for j in 0..<shape.hidden { values.append(weight(shape, i, j)) }
        }
        return values
    }

    public func hiddenBiases(of shape: AutoencoderShape) -> [Scalar] { part(.hiddenBias, of: shape, count: shape.hidden) }
    public func visibleBiases(of shape: AutoencoderShape) -> [Scalar] { part(.visibleBias, of: shape, count: shape.visible) }
    public func minima(of shape: AutoencoderShape) -> [Scalar] { part(.minimum, of: shape, count: shape.visible) }
    public func maxima(of shape: AutoencoderShape) -> [Scalar] { part(.maximum, of: shape, count: shape.visible) }

    func part(_ part: Parameter, of shape: AutoencoderShape, count: Int) -> [Scalar] {
        (0..<count).map { parameter(of: shape, part, $0) }
    }

    /// The output autoencoder's weights and scratch units, as pointers for its arithmetic.
    @inline(__always)
    @inlinable func outputView(_ ensemble: BuiltEnsemble) -> AutoencoderView<Scalar> {
        outputView(ensemble, limitedInputs: limitedInputCount.base)
    }

    /// The same, counting limited inputs in `limitedInputs`.
    @inline(__always)
    @inlinable func outputView(_ ensemble: BuiltEnsemble, limitedInputs: UnsafeMutablePointer<Int64>)
        -> AutoencoderView<Scalar> {
        AutoencoderView(
            visible: ensemble.groups, hidden: ensemble.outputHidden,
            weights: weights.base + ensemble.outputWeights, transposedWeights: transposedWeights.base,
            hiddenBiases: hiddenBiases.base, visibleBiases: visibleBiases.base,
            minima: minima.base, maxima: maxima.base, hasLeastRange: hasLeastRange.base,
            input: input.base, hiddenUnits: hiddenUnits.base, hiddenErrors: hiddenErrors.base,
            reconstruction: reconstruction.base,
            learningRate: learningRate, normaliserEpsilon: normaliserEpsilon, limitedInputs: limitedInputs)
    }

    /// One step of stochastic gradient descent of the output autoencoder on the ensemble's
    /// errors (reference `dA.train`); returns the RMSE before the step.
    @inlinable func trainOutput(_ ensemble: BuiltEnsemble) -> Scalar {
        // The normalisers start empty (the reference's max = -inf, min = +inf): the first
        // instance sets both bounds.
        let index = ensemble.groups
        let first = trainedInstances[index] == 0
        trainedInstances[index] += 1
        return outputView(ensemble).train(first: first)
    }
}

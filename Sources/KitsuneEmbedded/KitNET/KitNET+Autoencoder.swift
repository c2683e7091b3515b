extension KitNET {
    /// The reference's `dA` initial state: `W` uniform in [-1/nv, 1/nv) from MT19937 seeded 1234
    /// (fresh for every autoencoder, as NumPy's `RandomState(1234).uniform`), biases 0, the
    /// normalisers empty (max = -inf, min = +inf: no instance trained yet), except those of
    /// `features` (an ensemble autoencoder's) with a least range, which start from it.
    @inlinable func initialise(_ shape: AutoencoderShape, features: ArraySlice<Int32>?) {
        let random = MersenneTwister(seed: 1234)
        let a = 1 / Double(shape.visible)
        let low = -a, width = a - low
        for i in 0..<shape.visible {
            for j in 0..<shape.hidden {
                let weight = Scalar(low + width * random.nextUniform())
                weights[shape.weights + i * shape.hidden + j] = weight
                transposedWeights[shape.weights + j * shape.visible + i] = weight
            }
        }
        for index in 0..<shape.hidden { hiddenBiases[shape.hiddenBiases + index] = .zero }
        for index in 0..<shape.visible {
            visibleBiases[shape.visibleUnits + index] = .zero
            minima[shape.visibleUnits + index] = .zero
            maxima[shape.visibleUnits + index] = .zero
            hasLeastRange[shape.visibleUnits + index] = 0
        }
        if let features {
            for (index, feature) in features.enumerated() where featureHasLeastRange[Int(feature)] != 0 {
                minima[shape.visibleUnits + index] = featureLeastMinima[Int(feature)]
                maxima[shape.visibleUnits + index] = featureLeastMaxima[Int(feature)]
                hasLeastRange[shape.visibleUnits + index] = 1
            }
        }
        trainedInstances[shape.index] = 0
    }

    /// The initial or current weights of an autoencoder, row-major, for checks and model files.
    @inlinable public func weights(of shape: AutoencoderShape) -> UnsafeBufferPointer<Scalar> {
        UnsafeBufferPointer(start: weights.base + shape.weights, count: shape.visible * shape.hidden)
    }

    @inlinable public func hiddenBiases(of shape: AutoencoderShape) -> UnsafeBufferPointer<Scalar> {
        UnsafeBufferPointer(start: hiddenBiases.base + shape.hiddenBiases, count: shape.hidden)
    }

    @inlinable public func visibleBiases(of shape: AutoencoderShape) -> UnsafeBufferPointer<Scalar> {
        UnsafeBufferPointer(start: visibleBiases.base + shape.visibleUnits, count: shape.visible)
    }

    @inlinable public func minima(of shape: AutoencoderShape) -> UnsafeBufferPointer<Scalar> {
        UnsafeBufferPointer(start: minima.base + shape.visibleUnits, count: shape.visible)
    }

    @inlinable public func maxima(of shape: AutoencoderShape) -> UnsafeBufferPointer<Scalar> {
        UnsafeBufferPointer(start: maxima.base + shape.visibleUnits, count: shape.visible)
    }

    /// The autoencoder's weights and its scratch units, as pointers for its arithmetic.
    @inline(__always)
    @inlinable func view(_ shape: AutoencoderShape) -> AutoencoderView<Scalar> {
        view(shape, limitedInputs: limitedInputCount.base)
    }

    /// The same, counting limited inputs in `limitedInputs`.
    @inline(__always)
    @inlinable func view(_ shape: AutoencoderShape, limitedInputs: UnsafeMutablePointer<Int64>) -> AutoencoderView<Scalar> {
        AutoencoderView(
            visible: shape.visible, hidden: shape.hidden,
            weights: weights.base + shape.weights,
            transposedWeights: transposedWeights.base + shape.weights,
            hiddenBiases: hiddenBiases.base + shape.hiddenBiases,
            visibleBiases: visibleBiases.base + shape.visibleUnits,
            minima: minima.base + shape.visibleUnits, maxima: maxima.base + shape.visibleUnits,
            hasLeastRange: hasLeastRange.base + shape.visibleUnits,
            input: input.base + shape.visibleUnits, hiddenUnits: hiddenUnits.base + shape.hiddenBiases,
            hiddenErrors: hiddenErrors.base + shape.hiddenBiases, reconstruction: reconstruction.base + shape.visibleUnits,
            learningRate: learningRate, normaliserEpsilon: normaliserEpsilon, limitedInputs: limitedInputs)
    }

    /// One step of stochastic gradient descent on `input` (reference `dA.train`); returns the
    /// RMSE before the step.
    @inlinable func trainAutoencoder(_ shape: AutoencoderShape) -> Scalar {
        // The normalisers start empty (the reference's max = -inf, min = +inf): the first
        // instance sets both bounds.
        let first = trainedInstances[shape.index] == 0
        trainedInstances[shape.index] += 1
        return view(shape).train(first: first)
    }

    /// Scores `input` with the current normalisers and weights (reference `dA.execute`).
    @inlinable func executeAutoencoder(_ shape: AutoencoderShape) -> Scalar {
        view(shape).execute()
    }
}

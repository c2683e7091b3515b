extension KitNET {
    /// The reference's `dA` initial state: `W` uniform in [-1/nv, 1/nv) from MT19937 seeded 1234
    /// (fresh for every autoencoder, as NumPy's `RandomState(1234).uniform`), biases 0, the
    /// normalisers empty (max = -inf, min = +inf: no instance trained yet).
    func initialise(_ shape: AutoencoderShape) {
        let random = MersenneTwister(seed: 1234)
        let a = 1 / Double(shape.visible)
        let low = -a, width = a - low
        for index in 0..<(shape.visible * shape.hidden) {
            weights[shape.weights + index] = Scalar(low + width * random.nextUniform())
        }
        for index in 0..<shape.hidden { hiddenBiases[shape.hiddenBiases + index] = .zero }
        for index in 0..<shape.visible {
            visibleBiases[shape.visibleUnits + index] = .zero
            minima[shape.visibleUnits + index] = .zero
            maxima[shape.visibleUnits + index] = .zero
        }
        trainedInstances[shape.index] = 0
    }

    /// The initial or current weights of an autoencoder, row-major, for checks and model files.
    public func weights(of shape: AutoencoderShape) -> UnsafeBufferPointer<Scalar> {
        UnsafeBufferPointer(start: weights.base + shape.weights, count: shape.visible * shape.hidden)
    }

    public func hiddenBiases(of shape: AutoencoderShape) -> UnsafeBufferPointer<Scalar> {
        UnsafeBufferPointer(start: hiddenBiases.base + shape.hiddenBiases, count: shape.hidden)
    }

    public func visibleBiases(of shape: AutoencoderShape) -> UnsafeBufferPointer<Scalar> {
        UnsafeBufferPointer(start: visibleBiases.base + shape.visibleUnits, count: shape.visible)
    }

    public func minima(of shape: AutoencoderShape) -> UnsafeBufferPointer<Scalar> {
        UnsafeBufferPointer(start: minima.base + shape.visibleUnits, count: shape.visible)
    }

    public func maxima(of shape: AutoencoderShape) -> UnsafeBufferPointer<Scalar> {
        UnsafeBufferPointer(start: maxima.base + shape.visibleUnits, count: shape.visible)
    }

    /// Normalises `input` in place to [0, 1] by the autoencoder's minima and maxima.
    @inline(__always)
    func normalise(_ shape: AutoencoderShape) {
        for i in 0..<shape.visible {
            let low = minima[shape.visibleUnits + i]
            let high = maxima[shape.visibleUnits + i]
            input[i] = (input[i] - low) / (high - low + normaliserEpsilon)
        }
    }

    /// `y = σ(x·W + hbias)`, then `z = σ(y·Wᵀ + vbias)`, from the normalised `input`.
    @inline(__always)
    func reconstruct(_ shape: AutoencoderShape) {
        let nv = shape.visible, nh = shape.hidden
        let w = weights.base + shape.weights
        for j in 0..<nh {
            var sum = Scalar.zero
            for i in 0..<nv { sum += input[i] * w[i * nh + j] }
            hiddenUnits[j] = Scalar.logistic(sum + hiddenBiases[shape.hiddenBiases + j])
        }
        for i in 0..<nv {
            var sum = Scalar.zero
            let row = w + i * nh
            for j in 0..<nh { sum += hiddenUnits[j] * row[j] }
            reconstruction[i] = Scalar.logistic(sum + visibleBiases[shape.visibleUnits + i])
        }
    }

    /// The root mean square of `input - reconstruction`.
    @inline(__always)
    func reconstructionError(_ shape: AutoencoderShape) -> Scalar {
        var sum = Scalar.zero
        for i in 0..<shape.visible {
            let e = input[i] - reconstruction[i]
            sum += e * e
        }
        return (sum / Scalar(Double(shape.visible))).squareRoot()
    }

    /// One step of stochastic gradient descent on `input` (reference `dA.train`); returns the
    /// RMSE before the step.
    func trainAutoencoder(_ shape: AutoencoderShape) -> Scalar {
        let nv = shape.visible, nh = shape.hidden
        // The normalisers start empty (the reference's max = -inf, min = +inf): the first
        // instance sets both bounds.
        let first = trainedInstances[shape.index] == 0
        trainedInstances[shape.index] += 1
        for i in 0..<nv {
            let value = input[i]
            let slot = shape.visibleUnits + i
            if first || value > maxima[slot] { maxima[slot] = value }
            if first || value < minima[slot] { minima[slot] = value }
        }
        normalise(shape)
        reconstruct(shape)
        let error = reconstructionError(shape)
        let w = weights.base + shape.weights
        // d = (e·W) ⊙ y ⊙ (1 - y), with e = x - z.
        for j in 0..<nh {
            var sum = Scalar.zero
            for i in 0..<nv { sum += (input[i] - reconstruction[i]) * w[i * nh + j] }
            let y = hiddenUnits[j]
            hiddenErrors[j] = sum * y * (.one - y)
        }
        // W += lr·(x dᵀ + e yᵀ); hbias += lr·d; vbias += lr·e.
        for i in 0..<nv {
            let x = input[i]
            let e = input[i] - reconstruction[i]
            let row = w + i * nh
            for j in 0..<nh {
                row[j] += learningRate * (x * hiddenErrors[j] + e * hiddenUnits[j])
            }
            visibleBiases[shape.visibleUnits + i] += learningRate * e
        }
        for j in 0..<nh {
            hiddenBiases[shape.hiddenBiases + j] += learningRate * hiddenErrors[j]
        }
        return error
    }

    /// Scores `input` with the current normalisers and weights (reference `dA.execute`).
    func executeAutoencoder(_ shape: AutoencoderShape) -> Scalar {
        normalise(shape)
        reconstruct(shape)
        return reconstructionError(shape)
    }
}

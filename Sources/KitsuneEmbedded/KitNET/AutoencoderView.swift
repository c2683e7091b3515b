/// One autoencoder of KitNET (the reference's `dA`): tied weights `W` (visible × hidden,
/// row-major), biases, per-input normalisers, and KitNET's scratch units, as raw pointers into
/// KitNET's arenas. Its arithmetic follows the reference step by step.
@usableFromInline
struct AutoencoderView<Scalar: KitsuneScalar> {
    @usableFromInline let visible: Int
    @usableFromInline let hidden: Int
    @usableFromInline let weights: UnsafeMutablePointer<Scalar>
    /// `W` transposed (hidden × visible), kept equal to `weights`: the reconstruction then walks
    /// memory in order too, and vectorises, with each sum still added in the reference's order.
    @usableFromInline let transposedWeights: UnsafeMutablePointer<Scalar>
    @usableFromInline let hiddenBiases: UnsafeMutablePointer<Scalar>
    @usableFromInline let visibleBiases: UnsafeMutablePointer<Scalar>
    @usableFromInline let minima: UnsafeMutablePointer<Scalar>
    @usableFromInline let maxima: UnsafeMutablePointer<Scalar>
    /// Per input, 1 if its normaliser started from a least range (not set by the first instance).
    @usableFromInline let hasLeastRange: UnsafeMutablePointer<UInt8>
    /// The input on entry; normalised in place.
    @usableFromInline let input: UnsafeMutablePointer<Scalar>
    @usableFromInline let hiddenUnits: UnsafeMutablePointer<Scalar>
    @usableFromInline let hiddenErrors: UnsafeMutablePointer<Scalar>
    @usableFromInline let reconstruction: UnsafeMutablePointer<Scalar>
    @usableFromInline let learningRate: Scalar
    @usableFromInline let normaliserEpsilon: Scalar
    /// Inputs the arithmetic had to limit (`KitsuneScalar.normalised`), counted for KitNET.
    @usableFromInline let limitedInputs: UnsafeMutablePointer<Int64>

    @inlinable
    init(visible: Int, hidden: Int, weights: UnsafeMutablePointer<Scalar>, transposedWeights: UnsafeMutablePointer<Scalar>,
         hiddenBiases: UnsafeMutablePointer<Scalar>, visibleBiases: UnsafeMutablePointer<Scalar>,
         minima: UnsafeMutablePointer<Scalar>, maxima: UnsafeMutablePointer<Scalar>,
         hasLeastRange: UnsafeMutablePointer<UInt8>, input: UnsafeMutablePointer<Scalar>,
         hiddenUnits: UnsafeMutablePointer<Scalar>, hiddenErrors: UnsafeMutablePointer<Scalar>,
         reconstruction: UnsafeMutablePointer<Scalar>, learningRate: Scalar, normaliserEpsilon: Scalar,
         limitedInputs: UnsafeMutablePointer<Int64>) {
        self.visible = visible
        self.hidden = hidden
        self.weights = weights
        self.transposedWeights = transposedWeights
        self.hiddenBiases = hiddenBiases
        self.visibleBiases = visibleBiases
        self.minima = minima
        self.maxima = maxima
        self.hasLeastRange = hasLeastRange
        self.input = input
        self.hiddenUnits = hiddenUnits
        self.hiddenErrors = hiddenErrors
        self.reconstruction = reconstruction
        self.learningRate = learningRate
        self.normaliserEpsilon = normaliserEpsilon
        self.limitedInputs = limitedInputs
    }

    /// `x = (x - min) / (max - min + 1e-16)`.
    @inline(__always)
    @inlinable func normalise() {
        var limited: Int64 = 0
        Scalar.normalise(input, minima: minima, maxima: maxima, count: visible, epsilon: normaliserEpsilon,
                         limited: &limited)
        if limited != 0 { limitedInputs.pointee &+= limited }
    }

    /// `y = σ(x·W + hbias)`, then `z = σ(y·Wᵀ + vbias)`.
    @inlinable func reconstruct() {
        Scalar.multiply(input, rows: visible, by: weights, transposed: transposedWeights, columns: hidden,
                        into: hiddenUnits)
        Scalar.activate(hiddenUnits, biases: hiddenBiases, count: hidden)
        Scalar.multiply(hiddenUnits, rows: hidden, by: transposedWeights, transposed: weights, columns: visible,
                        into: reconstruction)
        Scalar.activate(reconstruction, biases: visibleBiases, count: visible)
    }

    /// The root mean square of `x - z`.
    @inline(__always)
    @inlinable func reconstructionError() -> Scalar {
        var sum = Scalar.zero
        for i in 0..<visible {
            let e = input[i] - reconstruction[i]
            sum += e * e
        }
        return (sum / Scalar(integer: visible)).squareRoot()
    }

    /// Widens the normalisers to the input (or sets them, on the first instance), then one step
    /// of gradient descent; returns the RMSE before the step.
    @inlinable func train(first: Bool) -> Scalar {
        widenNormalisers(first: first)
        normalise()
        reconstruct()
        let error = reconstructionError()
        descend()
        return error
    }

    /// Widens the normalisers to the input, not yet normalised (or sets them, on the first instance).
    @inline(__always)
    @inlinable func widenNormalisers(first: Bool) {
        for i in 0..<visible {
            let value = input[i]
            // A feature that is not finite (infinite in float32 after a crafted capture) leaves
            // the bounds as they are: they stay finite, and so does every model written.
            guard value.doubleValue.isFinite else { continue }
            let setsBounds = first && hasLeastRange[i] == 0
            if setsBounds || value > maxima[i] { maxima[i] = value }
            if setsBounds || value < minima[i] { minima[i] = value }
        }
    }

    /// One step of gradient descent from the normalised input and its reconstruction.
    @inlinable func descend() {
        // d = (e·W) ⊙ y ⊙ (1 - y), with e = x - z (kept in `reconstruction` from here on).
        for i in 0..<visible { reconstruction[i] = input[i] - reconstruction[i] }
        Scalar.multiply(reconstruction, rows: visible, by: weights, transposed: transposedWeights, columns: hidden,
                        into: hiddenErrors)
        for j in 0..<hidden {
            let y = hiddenUnits[j]
            hiddenErrors[j] = hiddenErrors[j] * y * (.one - y)
        }
        // W += lr·(x dᵀ + e yᵀ); hbias += lr·d; vbias += lr·e.
        Scalar.addGradient(to: weights, transposed: transposedWeights, rows: visible, columns: hidden, rate: learningRate,
                           input, hiddenErrors, reconstruction, hiddenUnits)
        for i in 0..<visible { visibleBiases[i] += learningRate * reconstruction[i] }
        for j in 0..<hidden {
            hiddenBiases[j] += learningRate * hiddenErrors[j]
        }
    }

    /// Scores the input with the current normalisers and weights (reference `dA.execute`).
    @inline(__always)
    @inlinable func execute() -> Scalar {
        normalise()
        reconstruct()
        let error = reconstructionError()
        // No model `decode` accepts makes a sum NaN (see `KitsuneScalar.largestParameter`); should
        // one still, the score is the farthest from normal there is, not a NaN that no threshold
        // comparison would ever see. (Only NaN differs from itself: fixed point never does.)
        return error == error ? error : Scalar.normalisedLimit
    }
}

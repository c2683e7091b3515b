extension KitNET {
    /// Scores the ensemble's autoencoders on their gathered inputs and puts their RMSEs in the
    /// output autoencoder's inputs (reference `dA.execute`, for each).
    @inline(__always)
    @inlinable func executeEnsemble(_ ensemble: BuiltEnsemble) {
        forwardEnsemble(ensemble, masksHiddenPadding: false)
        storeResiduals(ensemble)
        // As `AutoencoderView.execute`: a NaN error is the farthest from normal there is.
        storeErrors(ensemble, replacingNaN: true)
    }

    /// One step of gradient descent for each of the ensemble's autoencoders on its gathered
    /// inputs (reference `dA.train`); their RMSEs before the step go to the output
    /// autoencoder's inputs.
    @inline(__always)
    @inlinable func trainEnsemble(_ ensemble: BuiltEnsemble) {
        let members = laneAutoencoders.base
        forEachBundle(ensemble) { bundle in
            // The normalisers start empty: an autoencoder's first instance sets both bounds.
            var firstLanes: UInt32 = 0
            for lane in 0..<AutoencoderBundle.lanes {
                let member = Int(members[bundle.firstLane &+ lane])
                guard member >= 0 else { continue }
                if trainedInstances[member] == 0 { firstLanes |= 1 << lane }
                trainedInstances[member] += 1
            }
            widenNormalisers(bundle, firstLanes: firstLanes)
        }
        forwardEnsemble(ensemble, masksHiddenPadding: true)
        storeResiduals(ensemble)
        storeErrors(ensemble, replacingNaN: false)
        forEachBundle(ensemble) { descend($0) }
    }

    @inline(__always)
    @inlinable func forEachBundle(_ ensemble: BuiltEnsemble, _ body: (AutoencoderBundle) -> Void) {
        let all = bundles.base
        for index in 0..<ensemble.bundles { body(all[index]) }
    }

    /// Normalises and reconstructs every ensemble autoencoder's inputs: each layer at once
    /// across all bundles where it is unit by unit (normalising, activating), bundle by bundle
    /// where it is a product. `masksHiddenPadding` zeroes the padding's hidden units (σ(0) =
    /// 1/2 there), which the gradient must not see; the reconstruction does not need it, since
    /// the padding's weights are 0.
    @inlinable func forwardEnsemble(_ ensemble: BuiltEnsemble, masksHiddenPadding: Bool) {
        var limited: Int64 = 0
        Scalar.normalise(laneInput.base, minima: laneMinima.base, maxima: laneMaxima.base, count: ensemble.visibleUnits,
                         epsilon: normaliserEpsilon, limited: &limited)
        if limited != 0 { limitedInputCount[0] &+= limited }
        let x = laneInput.base, y = laneHidden.base, z = laneReconstruction.base, w = weights.base
        forEachBundle(ensemble) { bundle in
            Scalar.multiplyLanes(x + bundle.visibleUnits, rows: bundle.visible, byColumnsOf: w + bundle.weights,
                                 columns: bundle.hidden, into: y + bundle.hiddenUnits)
        }
        Scalar.activate(y, biases: laneHiddenBiases.base, count: ensemble.hiddenUnits)
        if masksHiddenPadding {
            let counts = laneHiddenCounts.base
            forEachBundle(ensemble) { bundle in
                zeroPadding(y + bundle.hiddenUnits, rows: bundle.hidden, counts: counts + bundle.firstLane)
            }
        }
        forEachBundle(ensemble) { bundle in
            Scalar.multiplyLanes(y + bundle.hiddenUnits, columns: bundle.hidden, byRowsOf: w + bundle.weights,
                                 rows: bundle.visible, into: z + bundle.visibleUnits)
        }
        Scalar.activate(z, biases: laneVisibleBiases.base, count: ensemble.visibleUnits)
    }

    /// `e = x - z` of every visible unit, 0 in the padding, in place of the reconstructions.
    @inlinable func storeResiduals(_ ensemble: BuiltEnsemble) {
        let x = laneInput.base, z = laneReconstruction.base
        let counts = laneVisibleCounts.base
        forEachBundle(ensemble) { bundle in
            Scalar.subtractLanes(z + bundle.visibleUnits, from: x + bundle.visibleUnits, rows: bundle.visible)
            zeroPadding(z + bundle.visibleUnits, rows: bundle.visible, counts: counts + bundle.firstLane)
        }
    }

    /// Zeroes a bundle's padding in `units`: each lane's rows from its member's own count on.
    @inline(__always)
    @inlinable func zeroPadding(_ units: UnsafeMutablePointer<Scalar>, rows: Int, counts: UnsafePointer<Int32>) {
        for lane in 0..<AutoencoderBundle.lanes {
            var row = Int(counts[lane])
            while row < rows {
                units[row &* AutoencoderBundle.lanes &+ lane] = .zero
                row &+= 1
            }
        }
    }

    /// Every ensemble autoencoder's RMSE from its residuals, into the output autoencoder's
    /// inputs: the root of the mean of its squares, added in the order of its inputs (the
    /// padding's zeros after them). `replacingNaN` (scoring) takes a NaN as the largest input.
    @inlinable func storeErrors(_ ensemble: BuiltEnsemble, replacingNaN: Bool) {
        let output = input.base, errors = bundleErrors.base
        let members = laneAutoencoders.base, counts = laneVisibleCounts.base
        forEachBundle(ensemble) { bundle in
            Scalar.sumOfSquaresLanes(laneReconstruction.base + bundle.visibleUnits, rows: bundle.visible, into: errors)
            for lane in 0..<AutoencoderBundle.lanes {
                let member = Int(members[bundle.firstLane &+ lane])
                guard member >= 0 else { continue }
                let error = (errors[lane] / Scalar(integer: Int(counts[bundle.firstLane &+ lane]))).squareRoot()
                output[member] = !replacingNaN || error == error ? error : Scalar.normalisedLimit
            }
        }
    }

    /// Widens a bundle's normalisers to its input, not yet normalised; on a lane whose bit is
    /// set in `firstLanes`, sets them (but those that start from a least range).
    @inlinable func widenNormalisers(_ bundle: AutoencoderBundle, firstLanes: UInt32) {
        let x = laneInput.base + bundle.visibleUnits
        let low = laneMinima.base + bundle.visibleUnits, high = laneMaxima.base + bundle.visibleUnits
        let fromRange = laneHasLeastRange.base + bundle.visibleUnits
        for i in 0..<bundle.visible {
            for lane in 0..<AutoencoderBundle.lanes {
                let unit = bundle.unit(i, lane: lane)
                let value = x[unit]
                // A feature that is not finite (infinite in float32 after a crafted capture) leaves
                // the bounds as they are: they stay finite, and so does every model written.
                guard value.doubleValue.isFinite else { continue }
                let setsBounds = firstLanes >> lane & 1 != 0 && fromRange[unit] == 0
                if setsBounds || value > high[unit] { high[unit] = value }
                if setsBounds || value < low[unit] { low[unit] = value }
            }
        }
    }

    /// One step of gradient descent of a bundle's autoencoders from their normalised inputs `x`,
    /// hidden units `y` and residuals `e` (`AutoencoderView.descend`, lane by lane).
    @inlinable func descend(_ bundle: AutoencoderBundle) {
        let x = laneInput.base + bundle.visibleUnits, e = laneReconstruction.base + bundle.visibleUnits
        let y = laneHidden.base + bundle.hiddenUnits, d = laneHiddenErrors.base + bundle.hiddenUnits
        let w = weights.base + bundle.weights
        let hiddenCount = bundle.hidden &* AutoencoderBundle.lanes, visibleCount = bundle.visible &* AutoencoderBundle.lanes
        // d = (e·W) ⊙ y ⊙ (1 - y)
        Scalar.multiplyLanes(e, rows: bundle.visible, byColumnsOf: w, columns: bundle.hidden, into: d)
        for k in 0..<hiddenCount { d[k] = d[k] * y[k] * (.one - y[k]) }
        // W += lr·(x dᵀ + e yᵀ); hbias += lr·d; vbias += lr·e.
        Scalar.addGradientLanes(to: w, rows: bundle.visible, columns: bundle.hidden, rate: learningRate, x, d, e, y)
        let visibleBiases = laneVisibleBiases.base + bundle.visibleUnits
        for k in 0..<visibleCount { visibleBiases[k] += learningRate * e[k] }
        let hiddenBiases = laneHiddenBiases.base + bundle.hiddenUnits
        for k in 0..<hiddenCount { hiddenBiases[k] += learningRate * d[k] }
    }
}

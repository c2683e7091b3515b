extension KitNET {
    /// Scores the ensemble's autoencoders on their gathered inputs and puts their RMSEs in the
    /// output autoencoder's inputs (reference `dA.execute`, for each).
    @inline(__always)
    @inlinable func executeEnsemble(_ ensemble: UnsafeBufferPointer<AutoencoderShape>, output: AutoencoderShape) {
        forwardEnsemble(ensemble, output: output)
        for shape in ensemble {
            let error = view(shape).reconstructionError()
            // As `AutoencoderView.execute`: a NaN error is the farthest from normal there is.
            input[output.visibleUnits + shape.index] = error == error ? error : Scalar.normalisedLimit
        }
    }

    /// One step of gradient descent for each of the ensemble's autoencoders on its gathered
    /// inputs (reference `dA.train`); their RMSEs before the step go to the output
    /// autoencoder's inputs.
    @inline(__always)
    @inlinable func trainEnsemble(_ ensemble: UnsafeBufferPointer<AutoencoderShape>, output: AutoencoderShape) {
        for shape in ensemble {
            // The normalisers start empty: the first instance sets both bounds.
            let first = trainedInstances[shape.index] == 0
            trainedInstances[shape.index] += 1
            view(shape).widenNormalisers(first: first)
        }
        forwardEnsemble(ensemble, output: output)
        for shape in ensemble {
            let autoencoder = view(shape)
            input[output.visibleUnits + shape.index] = autoencoder.reconstructionError()
            autoencoder.descend()
        }
    }

    /// Normalises and reconstructs the inputs of every ensemble autoencoder, layer by layer
    /// across all of them (`AutoencoderView.normalise` and `reconstruct` for each).
    ///
    /// The autoencoders' units lie side by side (`AutoencoderShape`), and so do their biases and
    /// normalisers: one pass over all the inputs normalises them, one over all the hidden units
    /// activates them, and likewise for the reconstructions. An autoencoder of dev.pcap's map has
    /// 7 inputs and 6 hidden units, too few to fill a vector of 8 lanes; the ensemble's 110 and 90
    /// fill them. Each unit is computed by the same operations, in the same order, as one
    /// autoencoder at a time would: the results are the same bits (float64 the reference's).
    @inline(__always)
    @inlinable func forwardEnsemble(_ ensemble: UnsafeBufferPointer<AutoencoderShape>, output: AutoencoderShape) {
        // The output autoencoder's units follow the ensemble's.
        let visibleUnits = output.visibleUnits, hiddenUnitCount = output.hiddenBiases
        var limited: Int64 = 0
        Scalar.normalise(input.base, minima: minima.base, maxima: maxima.base, count: visibleUnits,
                         epsilon: normaliserEpsilon, limited: &limited)
        if limited != 0 { limitedInputCount[0] &+= limited }
        for shape in ensemble {
            Scalar.multiply(input.base + shape.visibleUnits, rows: shape.visible, by: weights.base + shape.weights,
                            transposed: transposedWeights.base + shape.weights, columns: shape.hidden,
                            into: hiddenUnits.base + shape.hiddenBiases)
        }
        Scalar.activate(hiddenUnits.base, biases: hiddenBiases.base, count: hiddenUnitCount)
        for shape in ensemble {
            Scalar.multiply(hiddenUnits.base + shape.hiddenBiases, rows: shape.hidden,
                            by: transposedWeights.base + shape.weights, transposed: weights.base + shape.weights,
                            columns: shape.visible, into: reconstruction.base + shape.visibleUnits)
        }
        Scalar.activate(reconstruction.base, biases: visibleBiases.base, count: visibleUnits)
    }
}

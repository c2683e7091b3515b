extension KitNET {
    /// Each feature's share of the score of `x` (the last instance executed): the output layer's
    /// squared reconstruction errors share the score among the ensemble's autoencoders, and each
    /// autoencoder's squared errors share its part among its features. The shares add up to 1
    /// (or are all 0 before the map is built). Learns nothing, counts nothing; for explanations,
    /// not for every packet.
    func explain(_ x: UnsafePointer<Scalar>, into shares: UnsafeMutablePointer<Double>, count: Int) {
        for feature in 0..<count { shares[feature] = 0 }
        let ensemble = built.value
        let groups = ensemble.groups
        guard groups > 0 else { return }
        let layout = ensembleLayout.value
        let limitedBefore = limitedInputCount[0]
        defer { limitedInputCount[0] = limitedBefore }
        // Each autoencoder's squared errors, per feature, into `shares` for now.
        gatherEnsembleInputs(x, ensemble)
        forwardEnsemble(ensemble, masksHiddenPadding: false)
        storeResiduals(ensemble)
        storeErrors(ensemble, replacingNaN: false)
        for shape in layout.shapes.prefix(groups) {
            let bundle = bundles[shape.bundle]
            for position in 0..<shape.visible {
                let error = laneReconstruction[bundle.visibleUnits + bundle.unit(position, lane: shape.lane)].doubleValue
                shares[Int(layout.features[shape.firstFeature + position])] += error * error
            }
        }
        let output = outputView(ensemble)
        output.normalise()
        output.reconstruct()
        var outputTotal = 0.0
        for index in 0..<groups {
            let error = (output.input[index] - output.reconstruction[index]).doubleValue
            outputTotal += error * error
        }
        // Share the output's error among the autoencoders, and theirs among their features.
        for shape in layout.shapes.prefix(groups) {
            let error = (output.input[shape.index] - output.reconstruction[shape.index]).doubleValue
            let squared = Scalar(error * error).doubleValue
            let part = outputTotal > 0 ? squared / outputTotal : 1 / Double(groups)
            var total = 0.0
            for position in 0..<shape.visible { total += shares[Int(layout.features[shape.firstFeature + position])] }
            for position in 0..<shape.visible {
                let feature = Int(layout.features[shape.firstFeature + position])
                shares[feature] = total > 0 ? part * shares[feature] / total : part / Double(shape.visible)
            }
        }
    }
}

extension KitNET {
    /// Each feature's share of the score of `x` (the last instance executed): the output layer's
    /// squared reconstruction errors share the score among the ensemble's autoencoders, and each
    /// autoencoder's squared errors share its part among its features. The shares add up to 1
    /// (or are all 0 before the map is built). Learns nothing, counts nothing; for explanations,
    /// not for every packet.
    func explain(_ x: UnsafePointer<Scalar>, into shares: UnsafeMutablePointer<Double>, count: Int) {
        for feature in 0..<count { shares[feature] = 0 }
        let layout = ensembleLayout.value
        let groups = layout.groupCount
        guard groups > 0 else { return }
        var uncounted: Int64 = 0
        withUnsafeMutablePointer(to: &uncounted) { limited in
            // Each autoencoder's squared errors, per feature, into `shares` for now.
            gatherEnsembleInputs(x, count: layout.shapes[groups].visibleUnits)
            for index in 0..<groups {
                let shape = layout.shapes[index]
                let view = self.view(shape, limitedInputs: limited)
                view.normalise()
                view.reconstruct()
                ensembleErrors[index] = view.reconstructionError()
                for position in 0..<shape.visible {
                    let error = (view.input[position] - view.reconstruction[position]).doubleValue
                    shares[Int(layout.features[shape.visibleUnits + position])] += error * error
                }
            }
            let output = self.view(layout.shapes[groups], limitedInputs: limited)
            for index in 0..<groups { output.input[index] = ensembleErrors[index] }
            output.normalise()
            output.reconstruct()
            var outputTotal = 0.0
            for index in 0..<groups {
                let error = (output.input[index] - output.reconstruction[index]).doubleValue
                ensembleErrors[index] = Scalar(error * error)
                outputTotal += error * error
            }
            // Share the output's error among the autoencoders, and theirs among their features.
            for index in 0..<groups {
                let shape = layout.shapes[index]
                let part = outputTotal > 0 ? ensembleErrors[index].doubleValue / outputTotal : 1 / Double(groups)
                var total = 0.0
                for position in 0..<shape.visible { total += shares[Int(layout.features[shape.visibleUnits + position])] }
                for position in 0..<shape.visible {
                    let feature = Int(layout.features[shape.visibleUnits + position])
                    shares[feature] = total > 0 ? part * shares[feature] / total : part / Double(shape.visible)
                }
            }
        }
    }
}

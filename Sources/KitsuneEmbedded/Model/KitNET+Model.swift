extension KitNET {
    /// Every autoencoder's trained parameters, in `ModelFile` order: per autoencoder (the
    /// ensemble, then the output layer) W (visible × hidden), hidden biases, visible biases,
    /// minima, maxima.
    public var parameters: [[Scalar]] {
        guard let output else { return [] }
        return (ensemble + [output]).map { shape in
            var values: [Scalar] = []
            values.reserveCapacity(shape.visible * shape.hidden + shape.hidden + 3 * shape.visible)
            for part in [weights(of: shape), hiddenBiases(of: shape), visibleBiases(of: shape), minima(of: shape),
                         maxima(of: shape)] {
                values.append(contentsOf: part)
            }
            return values
        }
    }

    /// Takes a model's trained parameters (in `ModelFile` order) and starts executing: the
    /// grace periods are over. The configuration must carry the model's feature map.
    public func restore(_ parameters: [[Scalar]]) {
        let shapes = ensemble + [output!]
        precondition(parameters.count == shapes.count)
        for (shape, values) in zip(shapes, parameters) {
            var position = 0
            for i in 0..<shape.visible {
                for j in 0..<shape.hidden { setWeight(values[position + i * shape.hidden + j], shape, i, j) }
            }
            position += shape.visible * shape.hidden
            for (part, count) in [(Parameter.hiddenBias, shape.hidden), (.visibleBias, shape.visible),
                                  (.minimum, shape.visible), (.maximum, shape.visible)] {
                for k in 0..<count { setParameter(values[position + k], of: shape, part, k) }
                position += count
            }
            trainedInstances[shape.index] = 1
        }
        instanceCount.value = configuration.featureMapGrace + configuration.anomalyDetectorGrace + 1
    }
}

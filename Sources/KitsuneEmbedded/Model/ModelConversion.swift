extension ModelFile.Contents {
    /// The same model in another arithmetic (`kitsune-lite convert`, or `detect --arithmetic`
    /// with a model trained in another): every weight and bias converted to the nearest value of
    /// `Target`, and the ensemble's normalisers narrowed exactly as `Target`'s engine narrows the
    /// features they bound (`FeatureColumn.narrowingBits` for Q16), so that they stay in the
    /// units the autoencoders will see. The output layer's normalisers bound RMSEs: no scale.
    ///
    /// Only from floating point: a fixed-point model's normalisers are in scaled units already.
    public func converted<Target: KitsuneScalar>(to _: Target.Type) -> ModelFile.Contents<Target> {
        let map = configuration.kitNET.featureMap ?? []
        let layout = configuration.afterImage.layout
        var converted: [[Target]] = []
        converted.reserveCapacity(parameters.count)
        for (index, values) in parameters.enumerated() {
            let group: [Int]? = index < map.count ? map[index] : nil
            let visible = group?.count ?? map.count
            let hidden = configuration.kitNET.hiddenCount(visible: visible)
            let normalisers = visible * hidden + hidden + visible  // minima, then maxima, from here
            var result: [Target] = []
            result.reserveCapacity(values.count)
            for (position, value) in values.enumerated() {
                let double = value.doubleValue
                if position < normalisers {
                    result.append(Target(double))
                } else if let group {
                    let feature = group[(position - normalisers) % visible]
                    // The normalisers are in the units of this model's accumulator (bytes, for the
                    // floating-point models converted here); the target narrows from those.
                    let bits = layout.column(feature)
                        .narrowingBits(accumulatorSizeUnitBits: Scalar.Accumulator.packetSizeUnitBits)
                    result.append(Target(narrowing: Target.Accumulator(double), droppingBits: bits))
                } else {
                    result.append(Target(double))
                }
            }
            converted.append(result)
        }
        return ModelFile.Contents<Target>(configuration: configuration, calibration: calibration, parameters: converted)
    }
}

extension Kitsune {
    /// The trained model: the settings, the feature map and every autoencoder's parameters, with
    /// `calibration`. Only once the engine detects (the autoencoders are trained).
    @inlinable public func model(calibration: ModelCalibration) -> ModelFile.Contents<Scalar> {
        precondition(phase == .detecting, "a model needs trained autoencoders")
        var contents = ModelFile.Contents<Scalar>(configuration: configuration, calibration: calibration,
                                                  parameters: kitNET.parameters)
        contents.configuration.kitNET.featureMap = kitNET.featureMap
        return contents
    }

    /// Takes a model's autoencoders and starts detecting. The engine must have been made with
    /// the model's configuration (its feature map).
    @inlinable public func restore(_ model: ModelFile.Contents<Scalar>) {
        precondition(configuration.kitNET.featureMap == model.configuration.kitNET.featureMap
                     && configuration.afterImage.featureSet == model.configuration.afterImage.featureSet,
                     "the engine was made for another model")
        kitNET.restore(model.parameters)
    }
}

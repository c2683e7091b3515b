import KitsuneEmbedded
import Testing

/// A model file written and read back gives the very same scores, and every kind of damage is
/// refused with its reason.
@Suite(.serialized)
struct ModelFileTests {
    static let calibration = ModelCalibration(threshold: 0.25, meanLogScore: -3.4, deviationLogScore: 0.55,
                                              packets: 1385, falseAlarmRate: 1e-4)

    /// KitNET<Float> trained on the reference's features of dev.pcap's benign prefix.
    final class Trained: @unchecked Sendable {
        let kitNET: KitNET<Float>
        let configuration: KitsuneConfiguration
        let features: [Float]

        init() throws {
            let all = ReferenceData.devFeatures
            try #require(all.count == 66_935 * 100)
            features = all[0..<(40_000 * 100)].map { Float($0) }
            var configuration = KitsuneConfiguration()
            configuration.kitNET.featureMapGrace = 5000
            configuration.kitNET.anomalyDetectorGrace = 22000
            self.configuration = configuration
            kitNET = KitNET<Float>(configuration: configuration.kitNET)
            features.withUnsafeBufferPointer { rows in
                for row in 0...27_000 { kitNET.train(rows.baseAddress! + row * 100) }
            }
        }
    }

    static let trained: Result<Trained, Error> = Result { try Trained() }

    static func bytes() throws -> [UInt8] {
        let trained = try trained.get()
        var configuration = trained.configuration
        configuration.kitNET.featureMap = trained.kitNET.featureMap
        return ModelFile.encode(ModelFile.Contents(configuration: configuration, calibration: calibration,
                                                   parameters: trained.kitNET.parameters))
    }

    func decode<Scalar: KitsuneScalar>(_ bytes: [UInt8], as scalar: Scalar.Type,
                                       base: KitsuneConfiguration = KitsuneConfiguration())
        -> Result<ModelFile.Contents<Scalar>, ModelFileError> {
        bytes.withUnsafeBytes { raw in Result { () throws(ModelFileError) in try ModelFile.decode(raw, as: scalar, base: base) } }
    }

    @Test func aModelReadBackScoresExactlyAsTheOriginal() throws {
        let trained = try Self.trained.get()
        let contents = try decode(try Self.bytes(), as: Float.self).get()
        #expect(contents.calibration == Self.calibration)
        #expect(contents.configuration.kitNET.featureMap == trained.kitNET.featureMap)
        let restored = KitNET<Float>(configuration: contents.configuration.kitNET)
        restored.restore(contents.parameters)
        #expect(restored.isExecuting)
        var compared = 0
        trained.features.withUnsafeBufferPointer { rows in
            for row in 27_001..<40_000 {
                let x = rows.baseAddress! + row * 100
                let original = trained.kitNET.execute(x), copy = restored.execute(x)
                if original.bitPattern != copy.bitPattern {
                    Issue.record("row \(row): \(original) against \(copy)")
                    return
                }
                compared += 1
            }
        }
        #expect(compared == 12_999)
    }

    @Test func damageIsRefusedWithItsReason() throws {
        let good = try Self.bytes()
        // Cut anywhere: refused, never read past the end.
        for length in [0, 4, 8, 12, 40, good.count / 2, good.count - 1] {
            #expect(throws: ModelFileError.self) { try decode(Array(good.prefix(length)), as: Float.self).get() }
        }
        // One bit flipped anywhere after the magic: the checksum catches it.
        for position in stride(from: 12, to: good.count, by: 97) {
            var damaged = good
            damaged[position] ^= 0x10
            guard case .failure(let error) = decode(damaged, as: Float.self) else {
                Issue.record("a flipped bit at \(position) was accepted")
                continue
            }
            if case .checksumMismatch = error {} else { Issue.record("position \(position): \(error)") }
        }
        var notAModel = good
        notAModel[0] = UInt8(ascii: "X")
        if case .failure(.notAModel) = decode(notAModel, as: Float.self) {} else { Issue.record("magic not checked") }
        var otherVersion = good
        otherVersion[8] = 2
        if case .failure(.unsupportedVersion(2)) = decode(otherVersion, as: Float.self) {} else {
            Issue.record("version not checked")
        }
        if case .failure(.wrongArithmetic(1)) = decode(good, as: Double.self) {} else {
            Issue.record("arithmetic not checked")
        }
        var fourRates = KitsuneConfiguration()
        fourRates.afterImage.lambdas = [5, 3, 1, 0.1]
        if case .failure(.otherFeatureLayout) = decode(good, as: Float.self, base: fourRates) {} else {
            Issue.record("feature layout not checked")
        }
    }
}

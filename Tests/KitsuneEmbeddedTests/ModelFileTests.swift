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
            configuration.featureSet = .reference  // the reference's features, 100 a row
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
        otherVersion[8] = 9
        if case .failure(.unsupportedVersion(9)) = decode(otherVersion, as: Float.self) {} else {
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

    /// `bytes` with a little-endian field changed at `offset` and the checksum recomputed: damage
    /// the checksum cannot see, so the checks after it must.
    static func forged(_ bytes: [UInt8], at offset: Int, _ value: UInt64, width: Int) -> [UInt8] {
        var forged = Array(bytes.dropLast(4))
        for index in 0..<width { forged[offset + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * index)) }
        let checksum = forged.withUnsafeBytes { CRC32.checksum($0) }
        for index in 0..<4 { forged.append(UInt8(truncatingIfNeeded: checksum >> UInt32(8 * index))) }
        return forged
    }

    /// With a valid checksum, every field that cannot belong to a model is still refused, each for
    /// its own reason (the offsets are those of the format in `ModelFile`).
    @Test func forgedFieldsAreRefusedAfterTheChecksum() throws {
        let good = try Self.bytes()
        func reason(_ bytes: [UInt8]) -> String {
            switch decode(bytes, as: Float.self) {
            case .success: return "accepted"
            case .failure(let error): return String(describing: error)
            }
        }
        // The feature set's tag (byte 13): one no version knows, or the other set's, whose 110
        // features this reference-set model does not have.
        #expect(reason(Self.forged(good, at: 13, 7, width: 1)) == "unknownFeatureSet(7)")
        #expect(reason(Self.forged(good, at: 13, UInt64(FeatureSet.extended.rawValue), width: 1)) == "otherFeatureLayout")
        #expect(reason(Self.forged(good, at: 16, 99, width: 4)) == "otherFeatureLayout")  // feature count
        #expect(reason(Self.forged(good, at: 16, 1 << 20, width: 4)).contains("corrupt"))  // beyond any layout
        #expect(reason(Self.forged(good, at: 20, 65, width: 4)).contains("corrupt"))  // decay rates
        #expect(reason(Self.forged(good, at: 24, (6.0).bitPattern, width: 8)) == "otherFeatureLayout")  // a rate
        #expect(reason(Self.forged(good, at: 68, UInt64.max, width: 8)).contains("grace"))  // FM grace
        #expect(reason(Self.forged(good, at: 84, (0.0).bitPattern, width: 8)).contains("settings"))  // learning rate
        #expect(reason(Self.forged(good, at: 92, (2.0).bitPattern, width: 8)).contains("settings"))  // hidden ratio
        // Version 2 adds four calibration fields (32 bytes) after the false-alarm rate at 132.
        #expect(reason(Self.forged(good, at: 172, 101, width: 4)).contains("corrupt"))  // more groups than features
        #expect(reason(Self.forged(good, at: 180, 100, width: 4)).contains("corrupt"))  // a feature index
        // One group's size changed: the autoencoders no longer match the map.
        let sizeField = 176
        let size = UInt64(good[sizeField]) | UInt64(good[sizeField + 1]) << 8
        try #require(size > 1, "the first group's size is not where the format puts it")
        #expect(reason(Self.forged(good, at: sizeField, size - 1, width: 4)).contains("corrupt"))
        // Bytes after the last autoencoder.
        var longer = Array(good.dropLast(4)) + [0, 0, 0, 0]
        let checksum = longer.withUnsafeBytes { CRC32.checksum($0) }
        for index in 0..<4 { longer.append(UInt8(truncatingIfNeeded: checksum >> UInt32(8 * index))) }
        #expect(reason(longer).contains("after its last autoencoder"))
        // Cut inside the parameters, checksum recomputed: truncated, never a read past the end.
        var cut = Array(good.prefix(good.count / 2))
        let cutChecksum = cut.withUnsafeBytes { CRC32.checksum($0) }
        for index in 0..<4 { cut.append(UInt8(truncatingIfNeeded: cutChecksum >> UInt32(8 * index))) }
        #expect(reason(cut) == "truncated")
    }
}

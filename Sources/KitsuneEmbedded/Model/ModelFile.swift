/// Why a model file was refused.
public enum ModelFileError: Error {
    /// Shorter than its fields say.
    case truncated
    /// Not a kitsune-lite model (the magic number is wrong).
    case notAModel
    /// A format version this program does not read.
    case unsupportedVersion(UInt32)
    /// The checksum does not match the contents: the file was changed or damaged.
    case checksumMismatch
    /// A model for another arithmetic (its tag is given).
    case wrongArithmetic(UInt8)
    /// A model for another feature layout (feature count or decay rates).
    case otherFeatureLayout
    /// A model of a feature set this program does not know (its tag is given).
    case unknownFeatureSet(UInt8)
    /// Fields that cannot belong to a model.
    case corrupt(StaticString)

    /// One line for the user.
    public var reason: StaticString {
        switch self {
        case .truncated: return "the file is truncated"
        case .notAModel: return "not a kitsune-lite model file"
        case .unsupportedVersion: return "a model format version this program does not read"
        case .checksumMismatch: return "the checksum does not match: the file is damaged"
        case .wrongArithmetic: return "the model was trained in another arithmetic (see kitsune-lite info)"
        case .otherFeatureLayout: return "the model was built for another feature layout"
        case .unknownFeatureSet: return "the model uses a feature set this program does not know (a newer version's?)"
        case .corrupt(let reason): return reason
        }
    }
}

/// What a model holds besides the autoencoders: the settings it was trained with and the alert
/// threshold with the statistics it was calibrated from.
public struct ModelCalibration: Equatable, Sendable {
    /// Scores above this raise alerts.
    public var threshold: Double
    /// The normal distribution fitted to the log of the calibration scores.
    public var meanLogScore: Double
    public var deviationLogScore: Double
    /// Benign packets scored for the fit (0 when the threshold was given).
    public var packets: Int64
    /// The false-alarm rate the threshold was chosen for (0 when it was given).
    public var falseAlarmRate: Double
    /// The calibration scores' own (1 - falseAlarmRate) quantile: the threshold is at least this,
    /// so the rate holds on the calibration packets whatever the fit says (0 if not calibrated).
    public var empiricalQuantile: Double = 0
    /// Seconds of capture time the calibration packets spanned.
    public var seconds: Double = 0
    /// Incidents the incident rules would have opened on the calibration packets at the threshold.
    public var falseIncidents: Int64 = 0
    /// The longest silence in the traffic the model learned from: after a longer one in detection
    /// the statistics are cold, and alerting waits for a warm-up (infinity if unknown).
    public var longestGapSeconds: Double = .infinity

    public init(threshold: Double, meanLogScore: Double, deviationLogScore: Double, packets: Int64,
                falseAlarmRate: Double) {
        self.threshold = threshold
        self.meanLogScore = meanLogScore
        self.deviationLogScore = deviationLogScore
        self.packets = packets
        self.falseAlarmRate = falseAlarmRate
    }

    /// What no calibration `train` makes holds: a threshold that is not a positive number, a fit
    /// or counts that cannot be. Nil if none.
    public var problem: StaticString? {
        guard threshold.isFinite && threshold > 0 else { return "the alert threshold is not a positive number" }
        guard meanLogScore.isFinite, deviationLogScore.isFinite, deviationLogScore >= 0, falseAlarmRate >= 0,
              falseAlarmRate < 1, packets >= 0, empiricalQuantile.isFinite, empiricalQuantile >= 0, seconds.isFinite,
              seconds >= 0, falseIncidents >= 0, longestGapSeconds > 0 else {
            return "the model's calibration is invalid"
        }
        return nil
    }

    /// False incidents a day to expect on traffic like the calibration's: those counted in it,
    /// per day; when none were, the 95% upper bound (3 per calibration time, the rule of three).
    /// Nil without a calibration time.
    public var falseIncidentsPerDay: (expected: Double, isUpperBound: Bool)? {
        guard seconds > 0 else { return nil }
        if falseIncidents > 0 { return (Double(falseIncidents) * 86_400 / seconds, false) }
        return (3 * 86_400 / seconds, true)
    }
}

/// The model file: a portable binary, little-endian everywhere.
///
///     magic "KITSUNEL", u32 version, u8 arithmetic tag, u8 feature set (0: the reference's), 2 zero bytes,
///     u32 features, u32 decay rates, f64 × rates,
///     u32 max autoencoder size, u64 FM grace, u64 AD grace, f64 learning rate, f64 hidden ratio,
///     f64 threshold, f64 mean log score, f64 deviation, u64 calibration packets, f64 rate,
///       (version 2:) f64 empirical quantile, f64 calibration seconds, u64 false incidents,
///       f64 longest gap seconds,
///     u32 groups, then per group u32 size and u32 × size feature indices,
///     per autoencoder (groups, then the output layer): u32 visible, u32 hidden,
///       W (visible × hidden), hidden biases, visible biases, minima, maxima (scalars),
///     u32 CRC-32 of everything before it.
public enum ModelFile {
    public static let magic: [UInt8] = Array("KITSUNEL".utf8)
    /// The version written; version 1 (without the calibration's time, false incidents and
    /// longest gap) is still read.
    public static let version: UInt32 = 2

    /// The bytes of a model: its settings, calibration, feature map and autoencoders.
    public static func encode<Scalar: KitsuneScalar>(_ model: Contents<Scalar>) -> [UInt8] {
        let configuration = model.configuration, calibration = model.calibration
        let map = configuration.kitNET.featureMap ?? []
        precondition(!map.isEmpty && model.parameters.count == map.count + 1, "a model needs trained autoencoders")
        var writer = ModelWriter()
        writer.bytes = magic
        writer.u32(version)
        writer.u8(Scalar.modelTag)
        writer.u8(configuration.afterImage.featureSet.rawValue)
        for _ in 0..<2 { writer.u8(0) }
        writer.u32(UInt32(configuration.afterImage.featureCount))
        writer.u32(UInt32(configuration.afterImage.lambdas.count))
        for lambda in configuration.afterImage.lambdas { writer.f64(lambda) }
        let settings = configuration.kitNET
        writer.u32(UInt32(settings.maximumAutoencoderSize))
        writer.u64(UInt64(settings.featureMapGrace))
        writer.u64(UInt64(settings.anomalyDetectorGrace))
        writer.f64(settings.learningRate)
        writer.f64(settings.hiddenRatio)
        writer.f64(calibration.threshold)
        writer.f64(calibration.meanLogScore)
        writer.f64(calibration.deviationLogScore)
        writer.u64(UInt64(calibration.packets))
        writer.f64(calibration.falseAlarmRate)
        writer.f64(calibration.empiricalQuantile)
        writer.f64(calibration.seconds)
        writer.u64(UInt64(bitPattern: calibration.falseIncidents))
        writer.f64(calibration.longestGapSeconds)
        writer.u32(UInt32(map.count))
        for group in map {
            writer.u32(UInt32(group.count))
            for feature in group { writer.u32(UInt32(feature)) }
        }
        for (index, values) in model.parameters.enumerated() {
            let visible = index < map.count ? map[index].count : map.count
            writer.u32(UInt32(visible))
            writer.u32(UInt32(settings.hiddenCount(visible: visible)))
            for value in values { writer.scalar(value) }
        }
        let checksum = writer.bytes.withUnsafeBytes { CRC32.checksum($0) }
        writer.u32(checksum)
        return writer.bytes
    }

    /// A model read back: the configuration to build the engine with (its tables come from the
    /// caller's `base`), the calibration, and the autoencoders' parameters in file order.
    public struct Contents<Scalar: KitsuneScalar> {
        public var configuration: KitsuneConfiguration

        public init(configuration: KitsuneConfiguration, calibration: ModelCalibration, parameters: [[Scalar]]) {
            self.configuration = configuration
            self.calibration = calibration
            self.parameters = parameters
        }

        public var calibration: ModelCalibration
        /// Per autoencoder (ensemble, then output): W, hidden biases, visible biases, minima, maxima.
        public var parameters: [[Scalar]]
    }

    /// The arithmetic tag of a model of this format and version, to choose the arithmetic to
    /// decode it in; anything else is refused with its reason.
    public static func arithmeticTag(_ bytes: UnsafeRawBufferPointer) throws(ModelFileError) -> UInt8 {
        guard bytes.count >= magic.count + 8 else { throw bytes.count >= magic.count && !hasMagic(bytes) ? .notAModel : .truncated }
        guard hasMagic(bytes) else { throw .notAModel }
        var reader = ModelReader(bytes: bytes, position: magic.count)
        let fileVersion = try reader.u32()
        guard fileVersion == 1 || fileVersion == version else { throw .unsupportedVersion(fileVersion) }
        return try reader.u8()
    }

    /// Reads and checks a model for an engine in `Scalar` whose AfterImage is `base`'s, with the
    /// model's own feature set (the model says what it was trained on).
    public static func decode<Scalar: KitsuneScalar>(_ bytes: UnsafeRawBufferPointer, as _: Scalar.Type,
                                                    base: KitsuneConfiguration) throws(ModelFileError) -> Contents<Scalar> {
        let tag = try arithmeticTag(bytes)
        var header = ModelReader(bytes: bytes, position: magic.count)
        let fileVersion = try header.u32()
        guard bytes.count >= magic.count + 8 + 4 else { throw .truncated }
        let body = UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 4)])
        var trailer = ModelReader(bytes: bytes, position: bytes.count - 4)
        guard CRC32.checksum(body) == (try trailer.u32()) else { throw .checksumMismatch }
        guard tag == Scalar.modelTag else { throw .wrongArithmetic(tag) }
        var configuration = base
        _ = try header.u8()  // the arithmetic's tag, read above
        let setTag = try header.u8()
        guard let featureSet = FeatureSet(rawValue: setTag) else { throw .unknownFeatureSet(setTag) }
        configuration.afterImage.featureSet = featureSet
        var reader = ModelReader(bytes: body, position: magic.count + 8)
        let features = try reader.count(atMost: 1 << 16)
        let lambdaCount = try reader.count(atMost: 64)
        var lambdas: [Double] = []
        for _ in 0..<lambdaCount { lambdas.append(try reader.f64()) }
        guard features == configuration.afterImage.featureCount && lambdas == base.afterImage.lambdas else {
            throw .otherFeatureLayout
        }
        configuration.kitNET.featureCount = features
        configuration.kitNET.maximumAutoencoderSize = try reader.count(atMost: 1 << 16)
        let fmGrace = try reader.u64(), adGrace = try reader.u64()
        let longest = UInt64(KitNETConfiguration.longestGracePeriod)
        guard fmGrace <= longest, adGrace <= longest else { throw .corrupt("a grace period is out of range") }
        configuration.kitNET.featureMapGrace = Int(fmGrace)
        configuration.kitNET.anomalyDetectorGrace = Int(adGrace)
        configuration.kitNET.learningRate = try reader.f64()
        configuration.kitNET.hiddenRatio = try reader.f64()
        var calibration = ModelCalibration(threshold: try reader.f64(), meanLogScore: try reader.f64(),
                                           deviationLogScore: try reader.f64(), packets: Int64(bitPattern: try reader.u64()),
                                           falseAlarmRate: try reader.f64())
        if fileVersion >= 2 {
            calibration.empiricalQuantile = try reader.f64()
            calibration.seconds = try reader.f64()
            calibration.falseIncidents = Int64(bitPattern: try reader.u64())
            calibration.longestGapSeconds = try reader.f64()
        }
        let groups = try reader.count(atMost: features)
        var map: [[Int]] = []
        for _ in 0..<groups {
            let size = try reader.count(atMost: features)
            var group: [Int] = []
            for _ in 0..<size { group.append(try reader.count(atMost: features - 1)) }
            map.append(group)
        }
        configuration.kitNET.featureMap = map
        guard configuration.kitNET.problem == nil else { throw .corrupt("the model's settings are invalid") }

        var parameters: [[Scalar]] = []
        for index in 0...groups {
            let visible = try reader.count(atMost: features)
            let hidden = try reader.count(atMost: features)
            let expectedVisible = index < groups ? map[index].count : groups
            guard visible == expectedVisible, hidden == configuration.kitNET.hiddenCount(visible: visible) else {
                throw .corrupt("an autoencoder's size does not match the feature map")
            }
            let count = visible * hidden + hidden + 3 * visible
            guard reader.remaining >= count * Scalar.storedByteCount else { throw .truncated }
            var values: [Scalar] = []
            values.reserveCapacity(count)
            // Past the checksum (a file changed by someone who recomputed it), what no model
            // `train` writes: a value that is not finite, a weight or bias so large that a
            // layer's sums could overflow (`largestParameter`), a minimum above its maximum.
            let weightsAndBiases = visible * hidden + hidden + visible
            for index in 0..<count {
                let value = try reader.scalar(Scalar.self)
                guard value.doubleValue.isFinite else { throw .corrupt("the model holds a value that is not finite") }
                // (Fixed point takes any value, and its `magnitude` of the least one would count a
                // saturation: not asked.)
                guard Scalar.saturates || index >= weightsAndBiases || value.magnitude <= Scalar.largestParameter else {
                    throw .corrupt("the model holds a weight or bias too large to compute with")
                }
                values.append(value)
            }
            let minima = count - 2 * visible
            for unit in 0..<visible where values[minima + unit] > values[minima + visible + unit] {
                throw .corrupt("a normaliser's minimum is above its maximum")
            }
            parameters.append(values)
        }
        guard reader.remaining == 0 else { throw .corrupt("the model has bytes after its last autoencoder") }
        if let problem = calibration.problem { throw .corrupt(problem) }
        return Contents(configuration: configuration, calibration: calibration, parameters: parameters)
    }

    static func hasMagic(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= magic.count else { return false }
        for index in 0..<magic.count where bytes[index] != magic[index] { return false }
        return true
    }
}

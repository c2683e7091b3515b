/// What one of AfterImage's features measures, from its position in the vector, and the
/// power-of-two scale that narrows it into Q16.
///
/// The layout per λ: MI (w, mean, var), HH (w, mean, var, radius, magnitude, cov, pcc), HH
/// jitter (w, mean, var) and HpHp (as HH); each group's λs one after the other.
public enum FeatureColumn: Sendable, Equatable {
    case weight
    /// Packet sizes in bytes: means and magnitudes.
    case bytes
    /// Variances, radii and covariances of packet sizes, in bytes².
    case bytesSquared
    /// The correlation coefficient: within ±1, except where the reference's quirks (statistics
    /// decayed at different instants) make it larger.
    case correlation
    /// The mean inter-arrival time of a host pair, in seconds.
    case seconds
    /// Its variance, in seconds².
    case secondsSquared

    public init(index: Int, lambdaCount: Int) {
        let oneD: [FeatureColumn] = [.weight, .bytes, .bytesSquared]
        let twoD: [FeatureColumn] = [.weight, .bytes, .bytesSquared, .bytesSquared, .bytes, .bytesSquared, .correlation]
        let jitter: [FeatureColumn] = [.weight, .seconds, .secondsSquared]
        switch index {
        case ..<(3 * lambdaCount): self = oneD[index % 3]
        case ..<(10 * lambdaCount): self = twoD[(index - 3 * lambdaCount) % 7]
        case ..<(13 * lambdaCount): self = jitter[(index - 10 * lambdaCount) % 3]
        default: self = twoD[(index - 13 * lambdaCount) % 7]
        }
    }

    /// The bits a Q16 engine drops from this column (a division by 2^bits) so that its values on
    /// real traffic fit Q16's ±32767 with resolution to spare (docs/fixed-point.md):
    /// - weights ÷ 32: up to 1,048,000, a stream of 7,300 packets/s at λ = 0.01 (dev.pcap: 10,400);
    /// - bytes ÷ 2: up to 65,535, the largest IP packet;
    /// - bytes² ÷ 128: up to 4.2e6 (dev.pcap: 8.5e5; the IoT capture: 3.6e6), a resolution of 0.002;
    /// - the correlation, seconds and seconds² keep their unit (a resolution of 1.5e-5; values
    ///   beyond ±32767, nine hours of silence, saturate and are counted).
    ///
    /// `sizeUnitBits`: the accumulator keeps sizes in units of 2^this bytes
    /// (`KitsuneScalar.packetSizeUnitBits`); the result then corrects for it, and may be negative.
    public func narrowingBits(sizeUnitBits: Int = 0) -> Int {
        switch self {
        case .weight: return 5
        case .bytes: return 1 - sizeUnitBits
        case .bytesSquared: return 7 - 2 * sizeUnitBits
        case .correlation, .seconds, .secondsSquared: return 0
        }
    }
}

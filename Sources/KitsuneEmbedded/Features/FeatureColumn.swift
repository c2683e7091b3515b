/// One column of the feature vector: which family, decay rate and statistic it holds, and so
/// its unit. `FeatureLayout` says which column is where.
public struct FeatureColumn: Equatable, Sendable {
    public var family: StreamFamily
    /// The position of its decay rate in `AfterImageConfiguration.lambdas`.
    public var lambdaIndex: Int
    public var statistic: FeatureStatistic

    @inlinable public init(family: StreamFamily, lambdaIndex: Int, statistic: FeatureStatistic) {
        self.family = family
        self.lambdaIndex = lambdaIndex
        self.statistic = statistic
    }

    /// The unit of its values.
    @inlinable public var unit: FeatureUnit {
        let squared: Bool
        switch statistic {
        case .weight: return .weight
        case .correlation: return .correlation
        case .sum where family.measure == .newSource: return .weight
        case .mean, .magnitude, .sum: squared = false
        case .variance, .radius, .covariance: squared = true
        }
        switch family.measure {
        case .packetSize: return squared ? .bytesSquared : .bytes
        case .interval: return squared ? .secondsSquared : .seconds
        case .newSource: return .share
        }
    }

    /// The least range KitNET's normaliser gives this column, whatever the training traffic
    /// shows; nil where only training can tell (every column of the reference's families).
    ///
    /// New sources are rare on a settled network: a model may learn from hours in which none
    /// appeared at a fast decay rate, so that the range it saw is nothing, and the first new host
    /// afterwards would score as if it were a flood. A count of new sources spans at least one,
    /// and a share, by definition, [0, 1]: one new source is then ordinary, a flood of them is not.
    @inlinable public var leastRange: (minimum: Double, maximum: Double)? {
        guard family.measure == .newSource else { return nil }
        return (0, 1)
    }

    /// The bits an engine drops from this column's accumulated values (a division by 2^bits) to
    /// narrow them into its arithmetic (`KitsuneScalar.init(narrowing:droppingBits:)`):
    /// `unit.scaleBits` from the column's own unit, less what the accumulator's unit for sizes
    /// (2^`sizeUnitBits` bytes, `AccumulatorScalar.packetSizeUnitBits`) has already taken. An
    /// accumulator in bytes passes 0. May be negative.
    @inlinable public func narrowingBits(accumulatorSizeUnitBits sizeUnitBits: Int) -> Int {
        unit.scaleBits - unit.bytePower * sizeUnitBits
    }
}

/// The unit of a feature column's values.
public enum FeatureUnit: Sendable, Equatable {
    /// A damped packet count.
    case weight
    /// Packet sizes in bytes: means and magnitudes.
    case bytes
    /// Variances, radii and covariances of packet sizes, in bytes².
    case bytesSquared
    /// The correlation coefficient: within ±1, except where the reference's quirks (statistics
    /// decayed at different instants) make it larger.
    case correlation
    /// The mean time between packets of a host pair, in seconds.
    case seconds
    /// Its variance, in seconds².
    case secondsSquared
    /// The mean of a 0-or-1 value (the share of packets from new sources), and its variance: both
    /// within [0, 1].
    case share

    /// The power of bytes in the unit (bytes² is 2).
    @inlinable public var bytePower: Int {
        switch self {
        case .bytes: return 1
        case .bytesSquared: return 2
        default: return 0
        }
    }

    /// The power of two a Q16 engine divides this unit by so that values on real traffic fit
    /// Q16's ±32767 with resolution to spare (docs/fixed-point.md):
    /// - weights ÷ 32: up to 1,048,000, a stream of 7,300 packets/s at λ = 0.01 (dev.pcap: 10,400);
    /// - bytes ÷ 2: up to 65,535, the largest IP packet;
    /// - bytes² ÷ 128: up to 4.2e6 (dev.pcap: 8.5e5; the IoT capture: 3.6e6), a resolution of 0.002;
    /// - the correlation, seconds and seconds² keep their unit (a resolution of 1.5e-5; values
    ///   beyond ±32767, nine hours of silence, saturate and are counted);
    /// - shares keep theirs (within [0, 1]: a resolution of 1.5e-5).
    ///
    /// KitNET normalises every column by its observed range and the feature mapper's correlation
    /// is free of scale, so the scale changes nothing they compute; a floating-point engine,
    /// which has the range, does not apply it.
    @inlinable public var scaleBits: Int {
        switch self {
        case .weight: return 5
        case .bytes: return 1
        case .bytesSquared: return 7
        case .correlation, .seconds, .secondsSquared, .share: return 0
        }
    }
}

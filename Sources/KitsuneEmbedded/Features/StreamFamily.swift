/// A family of AfterImage's streams: the table that keys them, what a packet inserts, and the
/// statistics each contributes per decay rate (reference section 2).
public enum StreamFamily: Int, CaseIterable, Sendable {
    /// MI: the sender's MAC and IP together; packet sizes.
    case macHost
    /// HH: the sending host, with its covariance to the receiving host; packet sizes.
    case host
    /// HH jitter: a pair of hosts; the time between their packets.
    case hostJitter
    /// HpHp: the sending socket (host and port), with its covariance to the receiving socket;
    /// packet sizes.
    case socket

    /// The statistics a stream of this family writes per λ, in vector order.
    @inlinable public var statistics: [FeatureStatistic] {
        switch self {
        case .macHost, .hostJitter: return FeatureStatistic.oneDimensional
        case .host, .socket: return FeatureStatistic.oneDimensional + FeatureStatistic.twoDimensional
        }
    }

    /// How many statistics it writes per λ: 3 for a stream alone, 7 with a partner.
    @inlinable public var statisticCount: Int {
        switch self {
        case .macHost, .hostJitter: return 3
        case .host, .socket: return 7
        }
    }

    /// Whether the inserted value is a packet size (else a time between packets).
    @inlinable public var measuresSizes: Bool { self != .hostJitter }

    /// Words for an explanation: "socket streams".
    @inlinable public var name: StaticString {
        switch self {
        case .macHost: return "MAC-IP streams"
        case .host: return "host streams"
        case .hostJitter: return "host-pair timing"
        case .socket: return "socket streams"
        }
    }
}

/// One statistic of a stream, or of a stream and its partner.
public enum FeatureStatistic: Int, Sendable {
    /// The damped packet count.
    case weight
    case mean
    /// The variance (the reference's header calls it `std`).
    case variance
    /// `√(var_A² + var_B²)`
    case radius
    /// `√(mean_A² + mean_B²)`
    case magnitude
    case covariance
    /// The correlation coefficient.
    case correlation

    @usableFromInline static let oneDimensional: [FeatureStatistic] = [.weight, .mean, .variance]
    @usableFromInline static let twoDimensional: [FeatureStatistic] = [.radius, .magnitude, .covariance, .correlation]

    @inlinable public var name: StaticString {
        switch self {
        case .weight: return "weight"
        case .mean: return "mean"
        case .variance: return "variance"
        case .radius: return "radius"
        case .magnitude: return "magnitude"
        case .covariance: return "covariance"
        case .correlation: return "correlation"
        }
    }
}

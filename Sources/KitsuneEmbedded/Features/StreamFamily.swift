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
    /// The target: the receiving host, keyed by its address, and whether each packet it receives
    /// comes from a source new to it (a host pair AfterImage has not seen). Per λ: the damped
    /// count of packets from new sources (the rate at which new sources appear) and their share
    /// of its inbound packets. Only in the extended feature set.
    ///
    /// Not its inbound packet rate: a target's rate rises for every packet sent to it while it is
    /// attacked, so its other senders' packets would share the blame; a flood from one source is
    /// that source's own statistics'.
    case target

    /// The statistics a stream of this family writes per λ, in vector order.
    @inlinable public var statistics: [FeatureStatistic] {
        switch self {
        case .macHost, .hostJitter: return FeatureStatistic.oneDimensional
        case .host, .socket: return FeatureStatistic.oneDimensional + FeatureStatistic.twoDimensional
        case .target: return FeatureStatistic.novelty
        }
    }

    /// How many statistics it writes per λ: 3 for a stream alone, 7 with a partner.
    @inlinable public var statisticCount: Int {
        switch self {
        case .macHost, .hostJitter: return 3
        case .host, .socket: return 7
        case .target: return 2
        }
    }

    /// What its streams insert for each packet.
    @inlinable public var measure: StreamMeasure {
        switch self {
        case .macHost, .host, .socket: return .packetSize
        case .hostJitter: return .interval
        case .target: return .newSource
        }
    }

    /// Words for an explanation: "socket streams".
    @inlinable public var name: StaticString {
        switch self {
        case .macHost: return "MAC-IP streams"
        case .host: return "host streams"
        case .hostJitter: return "host-pair timing"
        case .socket: return "socket streams"
        case .target: return "target streams"
        }
    }
}

/// What a family's streams insert for each packet.
public enum StreamMeasure: Sendable {
    /// The packet's size in bytes.
    case packetSize
    /// The time since the pair's previous packet, in seconds.
    case interval
    /// 1 if the packet comes from a source new to its target, else 0.
    case newSource
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
    /// The damped sum of the inserted values: for 0-or-1 values, a damped count.
    case sum

    @usableFromInline static let oneDimensional: [FeatureStatistic] = [.weight, .mean, .variance]
    @usableFromInline static let twoDimensional: [FeatureStatistic] = [.radius, .magnitude, .covariance, .correlation]
    /// The target's: packets from new sources (a damped count), and their share (the mean).
    @usableFromInline static let novelty: [FeatureStatistic] = [.sum, .mean]

    @inlinable public var name: StaticString {
        switch self {
        case .weight: return "weight"
        case .mean: return "mean"
        case .sum: return "sum"
        case .variance: return "variance"
        case .radius: return "radius"
        case .magnitude: return "magnitude"
        case .covariance: return "covariance"
        case .correlation: return "correlation"
        }
    }
}

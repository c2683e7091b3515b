/// What an incident's report says: it opened, it goes on (an update), or it closed.
public enum IncidentState: UInt8, Sendable {
    case opened, updated, closed

    public var name: StaticString {
        switch self {
        case .opened: return "opened"
        case .updated: return "updated"
        case .closed: return "closed"
        }
    }
}

/// One report of an incident, as the engine hands it to a program: everything an alert says.
/// Plain values only, so that making one allocates nothing.
public struct IncidentEvent: Sendable {
    public var state: IncidentState
    /// Incidents are numbered from 1, in the order they open.
    public var id: Int64
    /// The host whose traffic drives the anomaly. For many sources (`sourceCount` > 1): the one
    /// listed first, with the MAC they all came through (absent if several).
    public var actor: HostIdentity
    /// Distinct sources: 1 for an actor's incident; for many sources to one target (a spoofed or
    /// distributed flood), how many (estimated beyond a few dozen).
    public var sourceCount = 1
    /// The first few sources (`topSourceCount` set): the actor, or a few of the many.
    public var topSources: (NetworkAddress, NetworkAddress, NetworkAddress, NetworkAddress) = (.none, .none, .none, .none)
    public var topSourceCount = 0
    /// The host the actor's anomalous traffic went to most.
    public var mainTarget: HostIdentity
    /// Distinct hosts the actor's anomalous traffic went to (estimated beyond a few dozen).
    public var targetCount: Int
    /// The first few of them, busiest first (`topTargetCount` set).
    public var topTargets: (NetworkAddress, NetworkAddress, NetworkAddress, NetworkAddress) = (.none, .none, .none, .none)
    public var topTargetCount = 0
    /// Distinct target ports (estimated beyond a few dozen).
    public var portCount: Int
    public var firstTime: Int64
    public var lastTime: Int64
    /// Anomalous packets: the actor's, and its targets' answers to it.
    public var packets: Int64
    /// Anomalous packets of its targets after it (the statistics remember an attack), counted here
    /// rather than opening incidents of their own.
    public var afterEffectPackets: Int64
    public var peakScore: Double
    public var meanScore: Double
    public var threshold: Double
    /// Reports of this incident the rate limit held back.
    public var heldBack: Int64
    public var explanation: Explanation

    /// The peak score as a multiple of the threshold.
    public var severity: Double { threshold > 0 ? peakScore / threshold : 0 }

    /// Whether it is many sources to one target rather than one actor's incident.
    public var isManySources: Bool { explanation.behaviour.contains(.manySources) }

    /// The top sources as an array (allocates: for output).
    public var topSourceList: [NetworkAddress] {
        [topSources.0, topSources.1, topSources.2, topSources.3].prefix(topSourceCount).map { $0 }
    }

    /// The top targets as an array (allocates: for output).
    public var topTargetList: [NetworkAddress] {
        [topTargets.0, topTargets.1, topTargets.2, topTargets.3].prefix(topTargetCount).map { $0 }
    }
}

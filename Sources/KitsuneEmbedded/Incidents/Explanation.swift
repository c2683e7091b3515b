/// Why an incident scored high, in the terms of the engine's statistics: the stream families and
/// time windows whose features the autoencoders reconstructed worst, and the actor's behaviour
/// where the statistics show it.
public struct Explanation: Sendable {
    /// The three largest shares of the reconstruction error, by stream family and decay rate,
    /// largest first (`causeCount` of them are set).
    public var causes: (ExplanationCause, ExplanationCause, ExplanationCause) = (.none, .none, .none)
    public var causeCount = 0
    /// What the actor did, as far as the statistics tell.
    public var behaviour = IncidentBehaviour()
    /// The actor's packet rate over the shortest window, as a multiple of its rate over the
    /// longest (its usual): meaningful with `rateAboveUsual`.
    public var rateRatio = 0.0
    /// The address the actor's MAC sent as, when it claims an address it does not usually own.
    public var claimedAddress = NetworkAddress.none
    /// New sources a second towards the packet's target, over a window of about a second (the
    /// extended feature set's target statistics; 0 without them). The largest an incident saw.
    public var newSourcesPerSecond = 0.0

    public init() {}

    /// The causes as an array (allocates: for output).
    public var causeList: [ExplanationCause] {
        [causes.0, causes.1, causes.2].prefix(causeCount).map { $0 }
    }
}

/// One family and decay rate, and its share of the reconstruction error (0 to 1).
public struct ExplanationCause: Sendable {
    public var family: StreamFamily
    public var lambdaIndex: Int
    public var share: Double

    public init(family: StreamFamily, lambdaIndex: Int, share: Double) {
        self.family = family
        self.lambdaIndex = lambdaIndex
        self.share = share
    }

    public static let none = ExplanationCause(family: .macHost, lambdaIndex: 0, share: 0)
}

/// What an incident's actor did, read from the statistics and the incident's own counts.
public struct IncidentBehaviour: OptionSet, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Anomalous traffic to many hosts (a sweep, a scan of several hosts).
    public static let manyHosts = IncidentBehaviour(rawValue: 1 << 0)
    /// To many ports (a port scan).
    public static let manyPorts = IncidentBehaviour(rawValue: 1 << 1)
    /// Its MAC sends as an address with a history of its own, with which this MAC has none:
    /// one MAC claiming another host's IP (ARP spoofing, a man in the middle).
    public static let claimsAddress = IncidentBehaviour(rawValue: 1 << 2)
    /// It sends far faster than it usually does (a flood).
    public static let rateAboveUsual = IncidentBehaviour(rawValue: 1 << 3)
    /// A host with no history: its first packets are already anomalous.
    public static let newHost = IncidentBehaviour(rawValue: 1 << 4)
    /// The traffic comes from many sources to one target (a spoofed or distributed flood).
    public static let manySources = IncidentBehaviour(rawValue: 1 << 5)
}

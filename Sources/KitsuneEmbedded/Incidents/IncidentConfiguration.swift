/// How anomalous packets become incidents: when alerting starts, what opens an incident, how
/// often it is reported, when it closes, and how many alerts may go out.
public struct IncidentConfiguration: Sendable {
    /// Seconds after the first packet (or after a long silence) before anything alerts: the
    /// statistics must learn the traffic first, since a cold stream looks new. Nil: derived from
    /// the decay rates (`warmupSeconds(lambdas:)`).
    public var warmupSeconds: Double? = nil
    /// A silence in the traffic longer than this makes the statistics cold again, and alerting
    /// waits for another warm-up (a model records the longest silence its training saw).
    public var longestNormalGapSeconds: Double = .infinity
    /// Anomalous packets of one actor within `evidenceSeconds` that open an incident; one packet
    /// opens it at once if it scores `strongSeverity` times the threshold.
    public var evidencePackets = 3
    public var evidenceSeconds = 2.0
    public var strongSeverity = 10.0
    /// Distinct sources whose anomalous packets to one target within `evidenceSeconds` open an
    /// incident of many sources, none of which has shown enough alone (a spoofed flood: each of
    /// its sources sends once).
    public var manySourcesMinimum = 8
    /// An incident closes after this long without an anomalous packet.
    public var quietSeconds = 5.0
    /// An open incident is reported again at most this often (`--alert-window`).
    public var updateSeconds = 10.0
    /// Alert events a second, at most (`--alert-rate`); a burst of twice that may go out at once.
    public var alertsPerSecond = 10.0
    /// Incidents tracked at once, open or recently closed.
    public var capacity = 32
    /// After an incident ends, its actor's and targets' traffic stays anomalous while the
    /// statistics remember the attack (the slowest λ's memory). For this long after the incident's
    /// last packet, their anomalies are counted as its after-effects rather than opening new
    /// incidents. Nil: derived from the decay rates (`afterEffectSeconds(lambdas:)`).
    public var afterEffectSeconds: Double? = nil

    public init() {}

    /// The first thing wrong with this configuration, or nil.
    public var problem: StaticString? {
        if let warmup = warmupSeconds, !(warmup >= 0 && warmup <= 86_400) { return "--warmup must be between 0 and 86400 seconds" }
        if !(longestNormalGapSeconds > 0) { return "the longest normal gap must be positive" }
        if evidencePackets < 1 || evidencePackets > 1000 { return "the evidence of an incident must be 1 to 1000 packets" }
        if !(evidenceSeconds > 0 && evidenceSeconds <= 3600) { return "the evidence window must be between 0 and 3600 seconds" }
        if !(strongSeverity >= 1) { return "the strong severity must be at least 1" }
        if manySourcesMinimum < 2 || manySourcesMinimum > 200 { return "the sources of a many-source incident must be 2 to 200" }
        if !(quietSeconds > 0 && quietSeconds <= 86_400) { return "the quiet period must be between 0 and 86400 seconds" }
        if !(updateSeconds > 0 && updateSeconds <= 86_400) { return "--alert-window must be between 0 and 86400 seconds" }
        if !(alertsPerSecond >= 0.001 && alertsPerSecond <= 1_000_000) { return "--alert-rate must be between 0.001 and 1000000" }
        if capacity < 1 || capacity > 4096 { return "the incident table must hold 1 to 4096 incidents" }
        if let after = afterEffectSeconds, !(after >= 0 && after <= 86_400 * 7) { return "the after-effect horizon must be 0 to 7 days" }
        return nil
    }

    /// The default warm-up: the time a steady stream's weight takes to reach 99% of its level at
    /// every decay rate but the slowest (log2(100)/λ for the second slowest; 66 s for the
    /// reference's rates). The slowest (a 100 s half-life at λ = 0.01) would keep a router quiet
    /// for five minutes after every start; its statistics are the least sensitive to being cold.
    public static func warmupSeconds(lambdas: [Double]) -> Double {
        // The second slowest: the slowest of the others (a small loop rather than a sort, which
        // would link a sort into a router binary).
        guard let slowest = lambdas.indices.min(by: { lambdas[$0] < lambdas[$1] }) else { return 0 }
        var rate = lambdas[slowest]
        var found = false
        for index in lambdas.indices where index != slowest && (!found || lambdas[index] < rate) {
            rate = lambdas[index]
            found = true
        }
        return 6.643_856_189_774_724 / rate  // log2(100)
    }

    /// The default after-effect horizon: until the slowest rate has forgotten all but 5% of what
    /// the incident taught it (log2(20)/λ; 432 s for λ = 0.01).
    public static func afterEffectSeconds(lambdas: [Double]) -> Double {
        let slowest = lambdas.min() ?? 1
        return 4.321_928_094_887_363 / slowest  // log2(20)
    }
}

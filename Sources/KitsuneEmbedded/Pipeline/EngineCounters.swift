/// Everything an engine has counted since it was made, for summaries and statistics lines.
public struct EngineCounters: Sendable {
    /// Packets processed.
    public var packets: Int64 = 0
    /// Packets the parser could not read completely, by reason.
    public var parse = ParseStatistics()
    /// Packets KitNET learned from: the grace periods, and keep-learning.
    public var learned: Int64 = 0
    /// Packets KitNET scored.
    public var scored: Int64 = 0
    /// Packets of the detecting phase that only updated the statistics (`processWithoutScoring`).
    public var unscored: Int64 = 0
    /// Streams and trackers evicted from full tables.
    public var evictions = TableEvictions()
    /// Whether the engine's arithmetic saturates (fixed point) rather than overflowing to
    /// infinities (floating point): then `saturations` and `limitedInputs` are worth showing.
    public var arithmeticSaturates = false
    /// Fixed-point operations that saturated.
    public var saturations = SaturationCounts()
    /// Normalised KitNET inputs the arithmetic limited to its range (Q16: beyond ±32 times the
    /// training range).
    public var limitedInputs: Int64 = 0
    /// The incident layer's counts.
    public var incidents = IncidentCounters()

    public init() {}
}

/// What the incident layer did.
public struct IncidentCounters: Sendable {
    public var opened: Int64 = 0
    /// Reports handed to the program (openings, updates, closings).
    public var reportsSent: Int64 = 0
    /// Reports the rate limit held back (each counted once, however long it waited).
    public var reportsHeldBack: Int64 = 0
    /// Anomalous packets of incidents' targets, counted as their after-effects.
    public var afterEffectPackets: Int64 = 0
    /// Incidents that could not open because the table was full of open ones.
    public var dropped: Int64 = 0
    /// Warm-ups started again after a silence longer than the model's longest.
    public var rewarmings: Int64 = 0

    public init() {}
}

/// Entries dropped from full tables, by table.
public struct TableEvictions: Sendable {
    public var macHostStreams: Int64 = 0
    public var hostStreams: Int64 = 0
    public var jitterStreams: Int64 = 0
    public var socketStreams: Int64 = 0
    public var targetStreams: Int64 = 0
    public var hostTrackers: Int64 = 0
    public var socketTrackers: Int64 = 0
    /// Trackers a stream gave up at its tracker limit (a scanner's socket).
    public var replacedTrackers: Int64 = 0

    public init() {}

    @inlinable public var total: Int64 {
        macHostStreams + hostStreams + jitterStreams + socketStreams + targetStreams + hostTrackers + socketTrackers
            + replacedTrackers
    }
}

/// What the engine made of one packet.
public struct PacketResult<Scalar: KitsuneScalar> {
    /// How the packet was parsed: addresses, ports, time, length.
    public var record: PacketRecord
    public var outcome: ParseOutcome
    /// The phase the packet was processed in: only in `detecting` is it scored.
    public var phase: EnginePhase
    /// The anomaly score: KitNET's reconstruction error; 0 while learning and for a skipped
    /// (malformed) packet.
    public var score: Scalar

    @inlinable
    public init(record: PacketRecord, outcome: ParseOutcome, phase: EnginePhase, score: Scalar) {
        self.record = record
        self.outcome = outcome
        self.phase = phase
        self.score = score
    }
}

/// The whole engine: a packet's bytes in; its score, the engine's phase and counters out.
///
/// It does no I/O, so it runs the same on the host, in tests and on a router, for any source
/// of packets. Generic over the arithmetic: `Kitsune<Double>` reproduces the reference,
/// `Kitsune<Float>` is the default, `Kitsune<Q16>` runs in integers.
///
///     let engine = Kitsune<Float>(configuration: configuration, linkType: .ethernet)!
///     for packet in capture {
///         let result = engine.process(packet.bytes, timestamp: packet.nanoseconds, wireLength: packet.length)
///         if result.phase == .detecting && result.score.doubleValue > threshold { ... }
///     }
///     print(engine.counters.packets)
///
/// All its memory is decided by its configuration and allocated when it is made
/// (`memoryPlan`); processing packets allocates nothing.
public final class Kitsune<Scalar: KitsuneScalar> {
    public let configuration: KitsuneConfiguration
    /// Which feature column is which (kept: the configuration makes a new one on each request).
    public let layout: FeatureLayout
    /// AfterImage runs in the arithmetic's accumulator type (float64 for float32, see
    /// `KitsuneScalar.Accumulator`), KitNET in the arithmetic itself.
    @usableFromInline let afterImage: AfterImage<Scalar.Accumulator>
    @usableFromInline let kitNET: KitNET<Scalar>
    @usableFromInline let parser: ArenaCell<PacketParser>
    /// The engine's running counts (the rest of `counters` is read from its parts).
    @usableFromInline let tallies: ArenaCell<Tallies>
    /// The features of the last packet, as KitNET sees them.
    @usableFromInline let features: FixedBuffer<Scalar>
    @usableFromInline let accumulatedFeatures: FixedBuffer<Scalar.Accumulator>
    /// Per feature, the bits narrowing drops (`FeatureColumn.narrowingBits`) from the accumulator.
    @usableFromInline let narrowingBits: FixedBuffer<Int>
    /// Incidents, and the scratch their explanations are computed in.
    @usableFromInline let incidents: IncidentTracker
    let featureShares: FixedBuffer<Double>
    let groupShares: FixedBuffer<Double>
    /// Per feature, its family and decay rate as one index (`family · λs + λ`) into `groupShares`.
    let columnGroups: FixedBuffer<Int32>
    /// This thread's saturations when the engine was made: the engine's are those since.
    @usableFromInline let saturationsBefore = Saturations.current

    /// The memory this engine is made of: one arena of `memoryPlan(configuration).totalBytes`.
    public let arena: MemoryArena

    /// The engine, all its memory allocated; nil if the system cannot provide that memory. The
    /// configuration must be valid (`configuration.problem == nil`).
    public convenience init?(configuration: KitsuneConfiguration, linkType: LinkType) {
        precondition(configuration.problem == nil)
        guard let arena = MemoryArena(capacity: Self.memoryPlan(configuration).totalBytes) else { return nil }
        self.init(configuration: configuration, linkType: linkType, in: arena)
    }

    /// The engine carved from `arena`: its memory plan when the arena measures.
    init(configuration: KitsuneConfiguration, linkType: LinkType, in arena: MemoryArena) {
        self.configuration = configuration
        layout = configuration.afterImage.layout
        self.arena = arena
        afterImage = AfterImage(configuration: configuration.afterImage, in: arena)
        kitNET = KitNET(configuration: configuration.kitNET, leastRanges: Self.leastRanges(layout), in: arena)
        let count = layout.featureCount
        arena.beginRegion("feature vectors", capacity: count)
        features = FixedBuffer(repeating: .zero, count: count, in: arena)
        accumulatedFeatures = FixedBuffer(repeating: .zero, count: count, in: arena)
        narrowingBits = FixedBuffer(repeating: 0, count: count, in: arena)
        parser = ArenaCell(PacketParser(linkType: linkType), in: arena)
        tallies = ArenaCell(Tallies(), in: arena)
        arena.endRegion()
        arena.beginRegion("incidents", capacity: configuration.incidents.capacity)
        incidents = IncidentTracker(configuration: configuration.incidents, lambdas: configuration.afterImage.lambdas,
                                    in: arena)
        let lambdaCount = configuration.afterImage.lambdas.count
        featureShares = FixedBuffer(repeating: 0, count: count, in: arena)
        groupShares = FixedBuffer(repeating: 0, count: layout.families.count * lambdaCount, in: arena)
        columnGroups = FixedBuffer(repeating: 0, count: count, in: arena)
        arena.endRegion()
        if columnGroups.isWritable {
            for index in 0..<count {
                let column = layout.column(index)
                var family = 0
                while layout.families[family] != column.family { family += 1 }
                columnGroups[index] = Int32(family * lambdaCount + column.lambdaIndex)
            }
        }
        if narrowingBits.isWritable {
            for index in 0..<count {
                narrowingBits[index] = layout.column(index)
                    .narrowingBits(accumulatorSizeUnitBits: Scalar.Accumulator.packetSizeUnitBits)
            }
        }
    }

    /// Each column's least range (`FeatureColumn.leastRange`) as KitNET receives the column:
    /// narrowed from the accumulator as the features are. Empty when no column has one.
    static func leastRanges(_ layout: FeatureLayout) -> [FeatureRange<Scalar>?] {
        var ranges: [FeatureRange<Scalar>?] = []
        var any = false
        for index in 0..<layout.featureCount {
            let column = layout.column(index)
            guard let range = column.leastRange else {
                ranges.append(nil)
                continue
            }
            any = true
            let bits = column.narrowingBits(accumulatorSizeUnitBits: Scalar.Accumulator.packetSizeUnitBits)
            ranges.append(FeatureRange(minimum: Scalar(narrowing: Scalar.Accumulator(range.minimum), droppingBits: bits),
                                       maximum: Scalar(narrowing: Scalar.Accumulator(range.maximum), droppingBits: bits)))
        }
        return any ? ranges : []
    }

    /// Every region the engine allocates at start-up, and their total: what its constructors
    /// carve, measured.
    public static func memoryPlan(_ configuration: KitsuneConfiguration) -> MemoryPlan {
        precondition(configuration.problem == nil)
        return MemoryArena.measure { _ = Kitsune(configuration: configuration, linkType: .ethernet, in: $0) }
    }

    /// Packets processed, and the number of the last one (from 1).
    public var packetsProcessed: Int64 { tallies.value.packets }

    /// Bytes of engine state, all allocated at construction.
    @inlinable public var byteCount: Int { arena.capacity }

    /// What the next packet will be used for.
    @inlinable public var phase: EnginePhase {
        if kitNET.isExecuting { return .detecting }
        return kitNET.instancesSeen <= configuration.kitNET.featureMapGrace && configuration.kitNET.featureMap == nil
            ? .learningFeatureMap : .trainingAutoencoders
    }

    /// Packets of another link type follow (a pcapng file may mix interfaces).
    public func setLinkType(_ linkType: LinkType) {
        parser.value = PacketParser(linkType: linkType)
    }

    /// One packet: parsed, its statistics updated, and then, by phase, learned from or scored
    /// (and, with `detection.keepLearning`, learned from if it scores at most the threshold).
    ///
    /// A frame whose headers hold impossible values (`malformed`) is counted and skipped: it
    /// leaves the statistics as they were, teaches nothing and scores 0. A frame cut short
    /// (`truncated`) is used as far as it could be read, as the reference uses what tshark read.
    @inlinable public func process(_ bytes: UnsafeRawBufferPointer, timestamp: Int64, wireLength: UInt32) -> PacketResult<Scalar> {
        let phase = self.phase
        let extracted = extractFeatures(bytes, timestamp: timestamp, wireLength: wireLength)
        let score = score(extracted)
        report(extracted, score: score, phase: phase)
        return PacketResult(record: extracted.record, outcome: extracted.outcome, phase: phase, score: score)
    }

    /// `process` without KitNET, for a detector that cannot score every packet (`detect` under
    /// overload, or `--score-every`): the statistics take the packet in as always, so the next
    /// scored packet's features are exact, but KitNET neither scores nor learns from it. It is
    /// counted (`unscored`) and raises no incident; the incidents' clock advances with it. Only
    /// while detecting: the grace periods learn from every packet (`process` then).
    @inlinable public func processWithoutScoring(_ bytes: UnsafeRawBufferPointer, timestamp: Int64,
                                                 wireLength: UInt32) -> PacketResult<Scalar> {
        let phase = self.phase
        guard phase == .detecting else { return process(bytes, timestamp: timestamp, wireLength: wireLength) }
        let extracted = extractStatistics(bytes, timestamp: timestamp, wireLength: wireLength, writesFeatures: false)
        if extracted.outcome != .malformed { tallies.value.unscored += 1 }
        report(extracted, score: .zero, phase: phase)
        return PacketResult(record: extracted.record, outcome: extracted.outcome, phase: phase, score: .zero)
    }

    /// The incident layer's part of `process`: once the engine detects and has warmed up, a
    /// packet above the threshold is attributed to an incident (`IncidentTracker`), and its
    /// explanation computed when its incident opens or is due to report again.
    @inlinable
    func report(_ packet: ExtractedPacket, score: Scalar, phase: EnginePhase) {
        let time = packet.record.timestamp
        let warm = incidents.clock(time)
        let threshold = configuration.detection.threshold
        if warm && phase == .detecting && packet.outcome != .malformed && score.doubleValue > threshold {
            attribute(packet.record, score: score.doubleValue, threshold: threshold, isFromNewSource: packet.isFromNewSource)
        }
        incidents.advance(to: time)
    }

    @usableFromInline
    func attribute(_ record: PacketRecord, score: Double, threshold: Double, isFromNewSource: Bool) {
        if let slot = incidents.observe(record, score: score, threshold: threshold, isFromNewSource: isFromNewSource) {
            incidents.setExplanation(explanation(of: record), slot: slot, at: record.timestamp)
        }
    }

    /// The first stage of `process`, on its own (to time the stages, or to read the features):
    /// the packet parsed and its statistics updated. Its features are `lastFeatures` until the
    /// next packet; `score(_:)` then finishes it.
    @inlinable public func extractFeatures(_ bytes: UnsafeRawBufferPointer, timestamp: Int64, wireLength: UInt32)
        -> ExtractedPacket {
        extractStatistics(bytes, timestamp: timestamp, wireLength: wireLength, writesFeatures: true)
    }

    /// `extractFeatures`, or without `writesFeatures` the statistics alone: they are the same
    /// after it (`AfterImage.observe`), and `lastFeatures` are left as they were.
    @inlinable func extractStatistics(_ bytes: UnsafeRawBufferPointer, timestamp: Int64, wireLength: UInt32,
                                      writesFeatures: Bool) -> ExtractedPacket {
        let parsed = parser.value.parse(bytes, timestamp: timestamp, wireLength: wireLength)
        tallies.value.parse.count(parsed.outcome)
        tallies.value.packets += 1
        var extracted = ExtractedPacket(record: parsed.record, outcome: parsed.outcome, number: tallies.value.packets)
        guard parsed.outcome != .malformed else {
            features.fill(.zero)
            return extracted
        }
        guard writesFeatures else {
            extracted.isFromNewSource = afterImage.observe(parsed.record)
            return extracted
        }
        extracted.isFromNewSource = afterImage.extract(parsed.record, into: accumulatedFeatures.base)
        for index in 0..<features.count {
            features[index] = Scalar(narrowing: accumulatedFeatures[index], droppingBits: narrowingBits[index])
        }
        return extracted
    }

    /// The second stage of `process`: KitNET learns from or scores the features of `packet`,
    /// which must be the one `extractFeatures` returned last.
    @inlinable public func score(_ packet: ExtractedPacket) -> Scalar {
        precondition(packet.number == tallies.value.packets, "score(_:) takes the packet extractFeatures returned last")
        guard packet.outcome != .malformed else { return .zero }
        guard kitNET.isExecuting else {
            kitNET.train(features.base)
            tallies.value.learned += 1
            return .zero
        }
        let score = kitNET.execute(features.base)
        tallies.value.scored += 1
        // Learn only from what looks normal: an attack must not teach the model it is.
        if configuration.detection.keepLearning && score.doubleValue <= configuration.detection.threshold {
            kitNET.train(features.base)
            tallies.value.learned += 1
        }
        return score
    }

    /// The features of the last packet, as KitNET received them (zero for a skipped packet; as
    /// they were, for a packet processed without scoring).
    @inlinable public var lastFeatures: UnsafeBufferPointer<Scalar> { UnsafeBufferPointer(start: features.base, count: features.count) }

    /// Everything counted since the engine was made.
    public var counters: EngineCounters {
        var counters = EngineCounters()
        let tallies = self.tallies.value
        counters.packets = tallies.packets
        counters.parse = tallies.parse
        counters.learned = tallies.learned
        counters.scored = tallies.scored
        counters.unscored = tallies.unscored
        let image = afterImage
        counters.evictions.macHostStreams = image.macHosts.evictions
        counters.evictions.hostStreams = image.hosts.evictions
        counters.evictions.jitterStreams = image.jitter.evictions
        counters.evictions.socketStreams = image.sockets.evictions
        counters.evictions.targetStreams = image.targets?.evictions ?? 0
        counters.evictions.hostTrackers = image.hostTrackers.evictions
        counters.evictions.socketTrackers = image.socketTrackers.evictions
        counters.evictions.replacedTrackers = image.hostTrackers.limitReplacements + image.socketTrackers.limitReplacements
        counters.arithmeticSaturates = Scalar.saturates
        counters.saturations = Saturations.current - saturationsBefore
        counters.limitedInputs = kitNET.limitedInputs
        let incidentState = incidents.state.value
        counters.incidents.opened = incidentState.incidentsOpened
        counters.incidents.reportsSent = incidentState.reportsSent
        counters.incidents.reportsHeldBack = incidentState.reportsHeldBack
        counters.incidents.afterEffectPackets = incidentState.afterEffectPackets
        counters.incidents.dropped = incidentState.incidentsDropped
        counters.incidents.rewarmings = incidentState.rewarmings
        return counters
    }
}

/// The counts an engine keeps as it goes.
@usableFromInline
struct Tallies {
    @usableFromInline var packets: Int64 = 0
    @usableFromInline var parse = ParseStatistics()
    @usableFromInline var learned: Int64 = 0
    @usableFromInline var scored: Int64 = 0
    @usableFromInline var unscored: Int64 = 0

    @inlinable init() {}
}

/// A packet between the two stages of `Kitsune.process`: parsed, its features extracted.
public struct ExtractedPacket {
    public var record: PacketRecord
    public var outcome: ParseOutcome
    /// Its number in the engine's packets, from 1.
    public var number: Int64
    /// Whether its source is new to its target (AfterImage had no statistics of the pair).
    public var isFromNewSource = false

    @inlinable
    init(record: PacketRecord, outcome: ParseOutcome, number: Int64) {
        self.record = record
        self.outcome = outcome
        self.number = number
    }
}

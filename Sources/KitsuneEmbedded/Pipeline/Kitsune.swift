/// The whole engine: a packet's bytes in, its anomaly score out.
///
/// It does no I/O, so it runs the same on the host, in tests and on a router, for any source
/// of packets. Generic over the arithmetic: `Kitsune<Double>` reproduces the reference,
/// `Kitsune<Float>` is the default.
public final class Kitsune<Scalar: KitsuneScalar> {
    public let configuration: KitsuneConfiguration
    /// AfterImage runs in the arithmetic's accumulator type (float64 for float32, see
    /// `KitsuneScalar.Accumulator`), KitNET in the arithmetic itself.
    public let afterImage: AfterImage<Scalar.Accumulator>
    public let kitNET: KitNET<Scalar>
    public private(set) var parser: PacketParser
    public private(set) var parseStatistics = ParseStatistics()
    public private(set) var packetsProcessed: Int64 = 0
    /// The features of the last packet, as KitNET sees them.
    public let features: FixedBuffer<Scalar>
    let accumulatedFeatures: FixedBuffer<Scalar.Accumulator>
    /// Per feature, the bits narrowing drops (`FeatureColumn.narrowingBits`) from the accumulator.
    let narrowingBits: FixedBuffer<Int>

    /// This thread's saturations when the engine was made: the engine's are those since.
    let saturationsBefore = Saturations.current

    /// Fixed-point operations of this engine that saturated (none in floating point).
    public var saturations: SaturationCounts { Saturations.current - saturationsBefore }

    /// The memory this engine is made of: one arena of `memoryPlan(configuration).totalBytes`.
    public let arena: MemoryArena

    /// The engine, all its memory allocated; nil if the system cannot provide that memory.
    public init?(configuration: KitsuneConfiguration, linkType: LinkType) {
        precondition(configuration.problem == nil)
        self.configuration = configuration
        guard let arena = MemoryArena(capacity: Self.memoryPlan(configuration).totalBytes) else { return nil }
        self.arena = arena
        afterImage = AfterImage(configuration: configuration.afterImage, in: arena)
        kitNET = KitNET(configuration: configuration.kitNET, in: arena)
        parser = PacketParser(linkType: linkType)
        features = FixedBuffer(repeating: .zero, count: configuration.afterImage.featureCount, in: arena)
        accumulatedFeatures = FixedBuffer(repeating: .zero, count: configuration.afterImage.featureCount, in: arena)
        narrowingBits = FixedBuffer(repeating: 0, count: configuration.afterImage.featureCount, in: arena)
        let layout = configuration.afterImage.layout
        for index in 0..<narrowingBits.count {
            narrowingBits[index] = layout.column(index)
                .narrowingBits(accumulatorSizeUnitBits: Scalar.Accumulator.packetSizeUnitBits)
        }
    }

    /// Every region the engine allocates at start-up, and their total.
    public static func memoryPlan(_ configuration: KitsuneConfiguration) -> MemoryPlan {
        var plan = MemoryPlan()
        AfterImage<Scalar.Accumulator>.plan(configuration.afterImage, into: &plan)
        KitNET<Scalar>.plan(configuration.kitNET, into: &plan)
        let count = configuration.afterImage.featureCount
        plan.add("feature vectors", capacity: count,
                 bytes: FixedBuffer<Scalar>.footprint(count: count)
                    + FixedBuffer<Scalar.Accumulator>.footprint(count: count) + FixedBuffer<Int>.footprint(count: count))
        return plan
    }

    /// Packets of another link type follow (a pcapng file may mix interfaces).
    public func setLinkType(_ linkType: LinkType) {
        parser = PacketParser(linkType: linkType)
    }

    /// Bytes of engine state, all allocated at construction.
    public var byteCount: Int { arena.capacity }

    /// Parses a frame and updates the statistics; the features are left in `features`.
    ///
    /// A frame whose headers hold impossible values (`malformed`) is counted and skipped: it
    /// leaves the statistics as they were and its features are zero. A frame cut short
    /// (`truncated`) is used as far as it could be read, as the reference uses what tshark read.
    @discardableResult
    public func extractFeatures(_ bytes: UnsafeRawBufferPointer, timestamp: Int64, wireLength: UInt32) -> ParsedPacket {
        let parsed = parser.parse(bytes, timestamp: timestamp, wireLength: wireLength)
        parseStatistics.count(parsed.outcome)
        packetsProcessed += 1
        guard parsed.outcome != .malformed else {
            features.fill(.zero)
            return parsed
        }
        afterImage.extract(parsed.record, into: accumulatedFeatures.base)
        for index in 0..<features.count {
            features[index] = Scalar(narrowing: accumulatedFeatures[index], droppingBits: narrowingBits[index])
        }
        return parsed
    }

    /// KitNET's score of the features `extractFeatures` just left for `parsed` (learning from
    /// them during the grace periods); 0 for a skipped frame.
    @inline(__always)
    public func score(_ parsed: ParsedPacket) -> Scalar {
        parsed.outcome == .malformed ? .zero : kitNET.process(features.base)
    }

    /// Scores a frame: its features, then KitNET (which learns during its grace periods and
    /// returns 0 then). A skipped (malformed) frame scores 0 and teaches KitNET nothing.
    public func process(_ bytes: UnsafeRawBufferPointer, timestamp: Int64, wireLength: UInt32) -> ScoredPacket<Scalar> {
        let parsed = extractFeatures(bytes, timestamp: timestamp, wireLength: wireLength)
        let score = score(parsed)
        return ScoredPacket(record: parsed.record, outcome: parsed.outcome, score: score)
    }
}

/// A packet's record and its anomaly score.
public struct ScoredPacket<Scalar: KitsuneScalar> {
    public var record: PacketRecord
    public var outcome: ParseOutcome
    public var score: Scalar
}

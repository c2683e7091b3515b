import FixedPoint
import KitsuneEmbedded
import Testing

/// `AfterImage.observe` (a packet that will not be scored: the statistics, no features) leaves
/// the statistics exactly as `extract` does: one AfterImage extracts every packet, another only
/// observes all but every fifth, and the features of those fifth packets are the same bits in
/// both. The traffic makes every path run: self-talk, equal timestamps, time going back, idle
/// minutes, ARP, trackers at their per-stream limit, and tables small enough to evict.
struct ObserveTests {
    static func traffic(count: Int) -> [PacketRecord] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        var seconds = 0.0
        return (0..<count).map { _ in
            // No gap in a quarter of the packets: streams updated twice at one instant. Now and
            // then five minutes: a stream that has only received decays to a weight of 0. Now
            // and then a step back in time, as a capture's clock can take.
            let gap = next(60)
            seconds += gap < 15 ? 0 : gap == 59 ? 300 : gap == 58 ? -0.25 : Double(next(400_000)) * 1e-6
            let source = NetworkAddress.ipv4(ip(10, 0, 1, 0) + UInt32(next(14)))
            // A host sends to itself now and then (the reference's self-tracker quirk).
            let destination = NetworkAddress.ipv4(ip(10, 0, 1, 0) + UInt32(next(14)))
            var record = ChannelTableTests.packet(from: source, port: UInt16(1000 + next(6)), to: destination,
                                                  toPort: UInt16(80 + next(3)), at: seconds, size: UInt32(60 + next(1400)))
            if next(20) == 0 {
                // ARP: its sockets are keyed by MAC.
                record.sourcePort = .arp
                record.destinationPort = .arp
                record.transport = .arp
            }
            return record
        }
    }

    static func compare<Scalar: AccumulatorScalar>(_: Scalar.Type, featureSet: FeatureSet) {
        var configuration = AfterImageConfiguration()
        configuration.featureSet = featureSet
        configuration.macHostStreams = 10
        configuration.hostStreams = 10
        configuration.jitterStreams = 60
        configuration.socketStreams = 40
        configuration.targetStreams = 10
        configuration.hostTrackers = 30
        configuration.socketTrackers = 20
        configuration.trackersPerStream = 5
        let every = AfterImage<Scalar>(configuration: configuration)
        let sampled = AfterImage<Scalar>(configuration: configuration)
        let count = configuration.featureCount
        let expected = UnsafeMutablePointer<Scalar>.allocate(capacity: count)
        let got = UnsafeMutablePointer<Scalar>.allocate(capacity: count)
        defer { expected.deallocate(); got.deallocate() }
        var compared = 0, differing = 0, newSourcesDiffering = 0
        for (number, record) in traffic(count: 3_000).enumerated() {
            let isNew = every.extract(record, into: expected)
            guard number % 5 == 4 else {
                if sampled.observe(record) != isNew { newSourcesDiffering += 1 }
                continue
            }
            if sampled.extract(record, into: got) != isNew { newSourcesDiffering += 1 }
            for column in 0..<count where !Self.sameBits(got[column], expected[column]) { differing += 1 }
            compared += count
        }
        #expect(differing == 0 && newSourcesDiffering == 0,
                "\(Scalar.self), \(featureSet): \(differing) of \(compared) features differ")
        #expect(every.consistencyProblem() == nil && sampled.consistencyProblem() == nil)
        // The tables were full and evicted: the paths above ran under pressure.
        #expect(every.hosts.evictions > 0 && every.socketTrackers.evictions > 0
                && every.hostTrackers.limitReplacements > 0)
    }

    /// Whether two values have the same bytes (a Fixed64's do not all fit a Double's 53 bits).
    static func sameBits<Scalar>(_ a: Scalar, _ b: Scalar) -> Bool {
        withUnsafeBytes(of: a) { x in withUnsafeBytes(of: b) { y in x.elementsEqual(y) } }
    }

    @Test func observingLeavesTheStatisticsAsExtracting() {
        for featureSet in [FeatureSet.reference, .extended] {
            Self.compare(Double.self, featureSet: featureSet)
            Self.compare(PortableDouble.self, featureSet: featureSet)
            Self.compare(Fixed64.self, featureSet: featureSet)
        }
    }
}

import KitsuneEmbedded
import Testing

/// The bounded channel tables with capacities small enough that every path runs: insert and
/// find, eviction of the weakest stream, reuse of dead slots, the per-stream tracker limit,
/// and no dangling tracker after any of it.
struct ChannelTableTests {
    static let mac: UInt64 = 0x021a_1100_0000
    static let server = NetworkAddress.ipv4(ip(10, 0, 0, 100))

    static func host(_ number: UInt32) -> NetworkAddress { .ipv4(ip(10, 0, 1, 0) + number) }

    static func packet(from source: NetworkAddress, port: UInt16 = 1000, to destination: NetworkAddress = server,
                       toPort destinationPort: UInt16 = 80, at seconds: Double, size: UInt32 = 100) -> PacketRecord {
        var record = PacketRecord(timestamp: Int64(seconds * 1e9) + 1_700_000_000_000_000_000, wireLength: size)
        record.sourceMAC = MACAddress(rawValue: mac + source.low)
        record.destinationMAC = MACAddress(rawValue: mac + destination.low)
        record.sourceAddress = source
        record.destinationAddress = destination
        record.sourcePort = .number(port)
        record.destinationPort = .number(destinationPort)
        record.transport = .tcp
        return record
    }

    final class Engine {
        let image: AfterImage<Double>
        let features: UnsafeMutablePointer<Double>

        init(_ configure: (inout AfterImageConfiguration) -> Void) {
            var configuration = AfterImageConfiguration()
            configure(&configuration)
            image = AfterImage(configuration: configuration)
            features = .allocate(capacity: configuration.featureCount)
        }

        deinit { features.deallocate() }

        func send(_ record: PacketRecord) { image.extract(record, into: features) }
    }

    @Test func packetsCreateAndFindTheirStreams() {
        let engine = Engine { _ in }
        let a = Self.host(1)
        engine.send(Self.packet(from: a, at: 0))
        engine.send(Self.packet(from: a, at: 0.5))
        let image = engine.image
        #expect(image.macHosts.find(.macAndHost(MACAddress(rawValue: Self.mac + a.low), a)) != nil)
        #expect(image.hosts.find(.host(a)) != nil && image.hosts.find(.host(Self.server)) != nil)
        #expect(image.jitter.find(.hostPair(a, Self.server)) != nil)
        #expect(image.sockets.find(.socket(a, .number(1000))) != nil)
        #expect(image.sockets.find(.socket(Self.server, .number(80))) != nil)
        #expect(image.hosts.find(.host(Self.host(2))) == nil)
        #expect(image.macHosts.liveCount == 1 && image.hosts.liveCount == 2 && image.jitter.liveCount == 1)
        #expect(image.sockets.liveCount == 2 && image.hostTrackers.liveCount == 1 && image.socketTrackers.liveCount == 1)
        // The second packet found everything the first created: w is 2 (decayed) at the slow λ.
        #expect(engine.features[12] > 1.99 && engine.features[12] < 2)
        #expect(image.consistencyProblem() == nil)
    }

    @Test func aFullTableEvictsTheStreamWithTheSmallestDecayedWeight() {
        let engine = Engine { $0.macHostStreams = 3 }
        let (a, b, c, d) = (Self.host(1), Self.host(2), Self.host(3), Self.host(4))
        for step in 0..<20 { engine.send(Self.packet(from: a, at: Double(step) * 0.01)) }
        engine.send(Self.packet(from: b, at: 0.3))
        for step in 0..<5 { engine.send(Self.packet(from: c, at: 0.4 + Double(step) * 0.01)) }
        engine.send(Self.packet(from: d, at: 10))
        let image = engine.image
        func present(_ host: NetworkAddress) -> Bool {
            image.macHosts.find(.macAndHost(MACAddress(rawValue: Self.mac + host.low), host)) != nil
        }
        #expect(!present(b), "b sent once: the weakest")
        #expect(present(a) && present(c) && present(d))
        #expect(image.macHosts.evictions == 1)
        #expect(image.consistencyProblem() == nil)
    }

    @Test func aDeadStreamsSlotIsReused() {
        let engine = Engine { $0.macHostStreams = 2 }
        let (a, b, c) = (Self.host(1), Self.host(2), Self.host(3))
        let keyOf = { (host: NetworkAddress) in StreamKey.macAndHost(MACAddress(rawValue: Self.mac + host.low), host) }
        engine.send(Self.packet(from: a, at: 0))
        for step in 0..<50 { engine.send(Self.packet(from: b, at: 0.001 * Double(step))) }
        let slotOfA = engine.image.macHosts.find(keyOf(a))
        // After 1000 s at λ = 0.01, a's weight is 2^-10 (below the 0.01 cut-off); b's is 0.05.
        engine.send(Self.packet(from: c, at: 1000))
        #expect(engine.image.macHosts.find(keyOf(a)) == nil)
        #expect(engine.image.macHosts.find(keyOf(c)) == slotOfA)
        #expect(engine.image.macHosts.find(keyOf(b)) != nil)
    }

    /// Every packet a stream sends updates all its trackers, so an old link carries more weight
    /// than a new one: linking ports 1 to 5 in turn under a limit of 3 replaces the link to 3
    /// (when 4 comes) and then to 4 (when 5 comes).
    /// A flood of one-packet sources fills the table; the streams of hosts that had sent
    /// before (established) stay, even one whose weight has long decayed below the cut-off.
    @Test func aFloodOfOnePacketStreamsEvictsItselfNotEstablishedStreams() {
        let engine = Engine { $0.macHostStreams = 6 }
        let (quiet, busy) = (Self.host(1), Self.host(2))
        engine.send(Self.packet(from: quiet, at: 0))
        engine.send(Self.packet(from: quiet, at: 1))
        for step in 0..<20 { engine.send(Self.packet(from: busy, at: 2 + 0.01 * Double(step))) }
        // Twenty minutes later quiet's weight is 2 · 2^-12 = 0.0005, far below the cut-off:
        for source in 0..<500 {
            engine.send(Self.packet(from: Self.host(UInt32(100 + source)), at: 1200 + 0.001 * Double(source)))
        }
        let image = engine.image
        func present(_ host: NetworkAddress) -> Bool {
            image.macHosts.find(.macAndHost(MACAddress(rawValue: Self.mac + host.low), host)) != nil
        }
        #expect(present(quiet) && present(busy))
        #expect(image.macHosts.evictions >= 490)
        #expect(image.consistencyProblem() == nil)
    }

    @Test func aStreamAtItsTrackerLimitReplacesItsWeakestTracker() {
        let engine = Engine { $0.trackersPerStream = 3 }
        let a = Self.host(1)
        for port in 1...5 {
            engine.send(Self.packet(from: a, to: Self.server, toPort: UInt16(port), at: Double(port)))
        }
        let image = engine.image
        let sender = image.sockets.find(.socket(a, .number(1000)))!
        #expect(image.sockets.trackerCount(of: sender) == 3)
        #expect(image.socketTrackers.limitReplacements == 2)
        for port in 1...5 {
            let partner = image.sockets.find(.socket(Self.server, .number(UInt16(port))))!
            #expect((image.socketTrackers.find(sender, partner) != nil) == [1, 2, 5].contains(port), "port \(port)")
        }
        #expect(image.consistencyProblem() == nil)
    }

    /// Random traffic among 60 hosts through tiny tables: streams and trackers are evicted all
    /// the time, and no tracker is ever left linking an evicted stream.
    @Test func evictionsNeverLeaveADanglingTracker() {
        let engine = Engine {
            $0.macHostStreams = 8
            $0.hostStreams = 6
            $0.jitterStreams = 8
            $0.socketStreams = 40
            $0.hostTrackers = 7
            $0.socketTrackers = 12
            $0.trackersPerStream = 3
        }
        var state: UInt64 = 12345
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (state >> 33) % bound
        }
        for step in 0..<20_000 {
            let source = Self.host(UInt32(next(60)))
            let destination = Self.host(UInt32(next(60)))
            engine.send(Self.packet(from: source, port: UInt16(1000 + next(4)), to: destination,
                                    toPort: UInt16(80 + next(3)), at: Double(step) * 0.05, size: UInt32(60 + next(1400))))
            if step % 500 == 0, let problem = engine.image.consistencyProblem() {
                Issue.record("after \(step) packets: \(problem)")
                return
            }
            for index in 0..<engine.image.featureCount where !engine.features[index].isFinite {
                Issue.record("feature \(index) is not finite after \(step) packets")
                return
            }
        }
        let image = engine.image
        #expect(image.consistencyProblem() == nil)
        #expect(image.hosts.evictions > 0 && image.sockets.evictions > 0)
        #expect(image.hostTrackers.evictions + image.hostTrackers.limitReplacements > 0)
        #expect(image.socketTrackers.evictions + image.socketTrackers.limitReplacements > 0)
    }
}

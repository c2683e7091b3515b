import KitsuneEmbedded
import Testing

/// The incident layer on its own, with hand-made anomalous packets: who is blamed, when incidents
/// open, report and close, what the rate limit lets out first, and when alerting starts.
struct IncidentTrackerTests {
    static let second: Int64 = 1_000_000_000
    static let start: Int64 = 1_700_000_000 * second

    static func host(_ last: UInt32) -> HostIdentity {
        HostIdentity(mac: MACAddress(rawValue: 0x02_00_00_00_00_00 + UInt64(last)), address: .ipv4(0x0A00_0000 + last))
    }

    static func packet(_ from: HostIdentity, _ to: HostIdentity, at seconds: Double, port: UInt16 = 80) -> PacketRecord {
        var record = PacketRecord(timestamp: start + Int64(seconds * 1e9), wireLength: 60)
        record.sourceMAC = from.mac
        record.sourceAddress = from.address
        record.destinationMAC = to.mac
        record.destinationAddress = to.address
        record.sourcePort = .number(40_000)
        record.destinationPort = .number(port)
        record.transport = .tcp
        return record
    }

    /// A tracker with no warm-up, and the reports it makes of `packets` (score, threshold 1).
    static func reports(_ packets: [(PacketRecord, Double)], configure: (inout IncidentConfiguration) -> Void = { _ in },
                        finishAt end: Double? = nil) -> (IncidentTracker, [IncidentEvent]) {
        var configuration = IncidentConfiguration()
        configuration.warmupSeconds = 0
        configure(&configuration)
        let tracker = IncidentTracker(configuration: configuration, lambdas: [5, 3, 1, 0.1, 0.01])!
        var events: [IncidentEvent] = []
        // Drained as detect drains them, asking `hasEvent` first: it must agree with `nextEvent`.
        func drain() {
            while tracker.hasEvent {
                guard let event = tracker.nextEvent() else { Issue.record("hasEvent, but no event"); return }
                events.append(event)
            }
            #expect(tracker.nextEvent() == nil, "an event left when hasEvent said none")
        }
        for (record, score) in packets {
            if tracker.clock(record.timestamp) && score > 1 { tracker.observe(record, score: score, threshold: 1) }
            tracker.advance(to: record.timestamp)
            drain()
        }
        if let end {
            tracker.finish(at: start + Int64(end * 1e9))
            drain()
        }
        return (tracker, events)
    }

    /// A scanner's probes and its targets' answers make one incident: the scanner is the actor,
    /// the answering hosts its targets, and their anomalous replies are not blamed on them.
    @Test func theActorIsBlamedAndItsTargetsAnswersJoinItsIncident() {
        let scanner = Self.host(66)
        var packets: [(PacketRecord, Double)] = []
        for step in 0..<30 {
            let target = Self.host(UInt32(10 + step % 6))
            let time = Double(step) * 0.05
            packets.append((Self.packet(scanner, target, at: time, port: UInt16(step + 1)), 2))
            packets.append((Self.packet(target, scanner, at: time + 0.001), 2))
        }
        let (tracker, events) = Self.reports(packets, finishAt: 10)
        let opened = events.filter { $0.state == .opened }
        #expect(opened.count == 1 && opened.first?.actor == scanner, "\(opened.map(\.actor))")
        // It opens on its third probe, with the two answers its targets had sent it by then.
        #expect(opened.first?.packets == 5, "\(opened.first?.packets ?? 0)")
        let closed = events.filter { $0.state == .closed }
        #expect(closed.count == 1 && closed.first?.packets == 60 && closed.first?.targetCount == 6)
        // Distinct ports are estimated (linear counting in 256 bits): within a tenth here.
        #expect(abs((closed.first?.portCount ?? 0) - 30) <= 3, "\(closed.first?.portCount ?? 0) ports")
        #expect(closed.first?.explanation.behaviour.contains(.manyHosts) == true)
        #expect(closed.first?.explanation.behaviour.contains(.manyPorts) == true)
        #expect(tracker.openCount == 0)
    }

    /// Two anomalous packets do not open an incident; one far above the threshold does, at once.
    @Test func evidenceOpensAnIncidentAndOneStrongPacketOpensItAtOnce() {
        let a = Self.host(1), b = Self.host(2), c = Self.host(3)
        let weak = Self.reports([(Self.packet(a, b, at: 0), 2), (Self.packet(a, b, at: 1), 2),
                                 (Self.packet(a, b, at: 3.5), 2)], finishAt: 20).1
        #expect(weak.isEmpty, "two packets within the evidence window, the third outside it: \(weak.map(\.packets))")
        let strong = Self.reports([(Self.packet(c, b, at: 0), 12)], finishAt: 20).1
        #expect(strong.first?.state == .opened && strong.first?.packets == 1 && strong.first?.actor == c)
    }

    /// Reports by the clock: the opening at once, an update after the window if there is more,
    /// the closing after the quiet period; nothing in between.
    @Test func reportsFollowTheWindowAndTheQuietPeriod() {
        let a = Self.host(1), b = Self.host(2)
        var packets: [(PacketRecord, Double)] = []
        for step in 0..<250 { packets.append((Self.packet(a, b, at: Double(step) * 0.1), 3)) }  // 25 s
        packets.append((Self.packet(b, Self.host(9), at: 40), 0.5))  // time passes, nothing anomalous
        let events = Self.reports(packets) { $0.updateSeconds = 10; $0.quietSeconds = 5 }.1
        #expect(events.map(\.state) == [.opened, .updated, .updated, .closed], "\(events.map(\.state))")
        #expect(events.last?.packets == 250)
        if events.count == 4 {
            #expect(events[1].lastTime - events[0].lastTime >= 10 * Self.second)
            #expect(events[3].lastTime == Self.start + Int64(24.9 * 1e9))
        }
    }

    /// A target whose traffic stays anomalous after the attack (the statistics remember it) is the
    /// incident's after-effect, not an incident of its own; the attacker starting again is new.
    @Test func aTargetsAfterEffectsDoNotOpenIncidents() {
        let attacker = Self.host(66), victim = Self.host(10), client = Self.host(50)
        var packets: [(PacketRecord, Double)] = []
        for step in 0..<20 { packets.append((Self.packet(attacker, victim, at: Double(step) * 0.01), 5)) }
        for step in 0..<50 { packets.append((Self.packet(victim, client, at: 10 + Double(step) * 0.5), 2)) }
        for step in 0..<5 { packets.append((Self.packet(attacker, victim, at: 60 + Double(step) * 0.01), 5)) }
        let (_, events) = Self.reports(packets, finishAt: 100)
        let opened = events.filter { $0.state == .opened }
        #expect(opened.map(\.actor) == [attacker, attacker], "\(opened.map(\.actor))")
        #expect(events.filter { $0.id == 1 && $0.state == .closed }.first?.afterEffectPackets ?? 0 > 0)
    }

    /// Under a burst the rate limit lets the most severe reports out first, holds the rest back,
    /// counts them per incident, and loses none: they go out when the budget allows.
    @Test func theRateLimitSendsTheMostSevereFirstAndCountsWhatItHolds() {
        var packets: [(PacketRecord, Double)] = []
        // Ten actors open incidents at the same instant, actor k with a peak of k + 2.
        for actor in 0..<10 {
            for step in 0..<3 {
                packets.append((Self.packet(Self.host(UInt32(100 + actor)), Self.host(1), at: Double(step) * 0.001),
                                Double(actor + 2)))
            }
        }
        packets.append((Self.packet(Self.host(7), Self.host(8), at: 0.5), 0.5))
        let (tracker, events) = Self.reports(packets) { $0.alertsPerSecond = 1 }
        #expect(events.count == 2, "a burst of two at one report a second: \(events.count)")
        #expect(events.map { $0.actor } == [Self.host(109), Self.host(108)], "\(events.map(\.actor))")
        tracker.finish(at: Self.start + 60 * Self.second)
        var rest: [IncidentEvent] = []
        while let event = tracker.nextEvent() { rest.append(event) }
        // The eight held back report their opening now, and all ten their closing.
        #expect(rest.filter { $0.state == .opened }.count == 8 && rest.filter { $0.state == .closed }.count == 10,
                "\(rest.map(\.state))")
        let held = rest.filter { $0.state == .closed && $0.heldBack > 0 }
        #expect(held.count == 8, "the eight held back say so: \(held.count)")
    }

    /// Nothing alerts during the warm-up, nor after a silence longer than the longest normal one.
    @Test func warmUpAndALongSilenceKeepAlertingQuiet() {
        let a = Self.host(1), b = Self.host(2)
        var configuration = IncidentConfiguration()
        configuration.warmupSeconds = 30
        configuration.longestNormalGapSeconds = 60
        let tracker = IncidentTracker(configuration: configuration, lambdas: [1])!
        #expect(!tracker.clock(Self.start))
        #expect(!tracker.clock(Self.start + 29 * Self.second))
        #expect(tracker.clock(Self.start + 31 * Self.second))
        #expect(tracker.clock(Self.start + 90 * Self.second), "a 59 s gap is normal")
        #expect(!tracker.clock(Self.start + 200 * Self.second), "a 110 s gap is not: warm up again")
        #expect(tracker.clock(Self.start + 231 * Self.second))
        _ = (a, b)
    }

    /// The default warm-up and after-effect horizon come from the decay rates.
    @Test func defaultsComeFromTheDecayRates() {
        let lambdas = [5, 3, 1, 0.1, 0.01]
        #expect(abs(IncidentConfiguration.warmupSeconds(lambdas: lambdas) - 66.4386) < 0.001)
        #expect(abs(IncidentConfiguration.afterEffectSeconds(lambdas: lambdas) - 432.193) < 0.001)
        #expect(IncidentConfiguration.warmupSeconds(lambdas: [2]) == 6.643856189774724 / 2)
    }
}

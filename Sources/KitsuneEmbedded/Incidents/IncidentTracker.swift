/// Turns anomalous packets into incidents, per actor, in a fixed table (see docs/incidents in
/// the README): opened at once when the evidence is there, reported again at most every
/// `updateSeconds`, closed after `quietSeconds` without anomalous packets; the rate limit lets
/// the most severe reports out first and counts what it holds back.
///
/// An anomalous packet is attributed, in this order, to
/// 1. the open incident whose actor sent it (same MAC and address);
/// 2. the open incident whose actor it was sent to: its sender is a target answering the actor
///    (a victim's SYN-ACKs, a scanned host's resets), not to be blamed;
/// 3. the open incident of many sources to its receiver (it is one more of them), or of many
///    sources to its sender (the target answering them);
/// 4. an incident, open or ended within the after-effect horizon, of which its sender is a target:
///    the statistics remember the attack, so the target's traffic stays anomalous for a while,
///    and that is the incident's after-effect, not a new one;
/// 5. otherwise, evidence: `manySourcesMinimum` distinct sources to one target within
///    `evidenceSeconds` open an incident of many sources (a spoofed flood, whose every source
///    sends once); else, for its sender, `evidencePackets` anomalous packets within
///    `evidenceSeconds` (or one of `strongSeverity` times the threshold, unless other sources
///    are already anomalous towards the same target) open an incident.
/// Nothing is attributed before the warm-up ends, after the first packet or a long silence.
///
/// `Kitsune` runs one for its scores; it also works alone, for scores from elsewhere:
/// `clock` every packet, `observe` those above the threshold, `advance` the time, and read the
/// reports with `nextEvent`.
public final class IncidentTracker {
    @usableFromInline let configuration: IncidentConfiguration
    let warmup: Int64
    let afterEffect: Int64
    @usableFromInline let incidents: FixedBuffer<Incident>
    /// `targetsPerIncident` targets of each incident, busiest first.
    @usableFromInline let targets: FixedBuffer<IncidentTarget>
    @usableFromInline let candidates: FixedBuffer<IncidentCandidate>
    @usableFromInline let targetCandidates: FixedBuffer<TargetCandidate>
    /// Reports ready for the program, in order (`nextEvent`).
    @usableFromInline let events: FixedBuffer<IncidentEvent>
    @usableFromInline let state: ArenaCell<TrackerState>

    static var targetsPerIncident: Int { 8 }
    static var candidateCapacity: Int { 16 }
    /// The reports that wait for the program at most (a program drains them after each packet).
    static var eventCapacity: Int { 64 }
    /// How often, in capture time, open incidents are checked for updates and quiet.
    @inlinable static var checkInterval: Int64 { 100_000_000 }

    /// A tracker in an arena of its own (nil if the memory cannot be had).
    public convenience init?(configuration: IncidentConfiguration, lambdas: [Double]) {
        precondition(configuration.problem == nil)
        let plan = MemoryArena.measure { _ = IncidentTracker(configuration: configuration, lambdas: lambdas, in: $0) }
        guard let arena = MemoryArena(capacity: plan.totalBytes) else { return nil }
        self.init(configuration: configuration, lambdas: lambdas, in: arena)
    }

    init(configuration: IncidentConfiguration, lambdas: [Double], in arena: MemoryArena) {
        self.configuration = configuration
        warmup = Self.nanoseconds(configuration.warmupSeconds ?? IncidentConfiguration.warmupSeconds(lambdas: lambdas))
        afterEffect = Self.nanoseconds(configuration.afterEffectSeconds
            ?? IncidentConfiguration.afterEffectSeconds(lambdas: lambdas))
        incidents = FixedBuffer(repeating: Incident(), count: configuration.capacity, in: arena)
        targets = FixedBuffer(repeating: IncidentTarget(), count: configuration.capacity * Self.targetsPerIncident, in: arena)
        candidates = FixedBuffer(repeating: IncidentCandidate(), count: Self.candidateCapacity, in: arena)
        targetCandidates = FixedBuffer(repeating: TargetCandidate(), count: Self.candidateCapacity, in: arena)
        events = FixedBuffer(repeating: IncidentEvent.empty, count: Self.eventCapacity, in: arena)
        state = ArenaCell(TrackerState(tokens: Self.burst(configuration)), in: arena)
    }

    /// The reports that may go out at once: twice the rate, and at least one (a rate below one a
    /// second still lets one report out when its time comes).
    static func burst(_ configuration: IncidentConfiguration) -> Double { max(1, 2 * configuration.alertsPerSecond) }

    static func nanoseconds(_ seconds: Double) -> Int64 { PacketTime.duration(seconds: seconds) }

    // MARK: The clock

    /// Notes a packet's time; whether alerting has warmed up. A silence longer than the longest
    /// normal one starts the warm-up again.
    public func clock(_ time: Int64) -> Bool {
        var current = state.value
        defer { state.value = current }
        if current.lastPacketTime == Int64.min {
            current.warmUntil = time &+ warmupNanoseconds
        } else {
            let gap = time &- current.lastPacketTime
            if gap > longestGapNanoseconds {
                current.warmUntil = time &+ warmupNanoseconds
                current.rewarmings &+= 1
            }
        }
        if time > current.lastPacketTime { current.lastPacketTime = time }
        return time >= current.warmUntil
    }

    @usableFromInline var warmupNanoseconds: Int64 { warmup }
    @usableFromInline var longestGapNanoseconds: Int64 { Self.nanoseconds(configuration.longestNormalGapSeconds) }

    // MARK: Attribution

    /// Attributes an anomalous packet (score above `threshold`, after the warm-up);
    /// `isFromNewSource`: its source was new to its target (`ExtractedPacket.isFromNewSource`).
    /// Returns the slot of the incident whose explanation this packet should refresh
    /// (`setExplanation`), if any.
    @discardableResult
    public func observe(_ record: PacketRecord, score: Double, threshold: Double, isFromNewSource: Bool = false) -> Int? {
        let time = record.timestamp
        let source = HostIdentity.source(of: record), destination = HostIdentity.destination(of: record)
        // 1. The actor's own packets.
        if let slot = openIncident(actor: source) {
            var incident = incidents[slot]
            add(score, at: time, to: &incident)
            addTarget(destination, port: record.destinationPort, of: slot, to: &incident)
            incidents[slot] = incident
            return time &- incident.lastExplained >= Self.explanationInterval ? slot : nil
        }
        // 2. A target answering its actor.
        if let slot = openIncident(actor: destination) {
            var incident = incidents[slot]
            add(score, at: time, to: &incident)
            addTarget(source, port: .none, of: slot, to: &incident)
            incidents[slot] = incident
            return nil
        }
        // 3. One more of many sources, or their target answering.
        if let slot = openManySources(target: destination) {
            var incident = incidents[slot]
            add(score, at: time, to: &incident)
            addSource(source, port: record.destinationPort, of: slot, to: &incident)
            if isFromNewSource { incident.newSources &+= 1 }
            incidents[slot] = incident
            return time &- incident.lastExplained >= Self.explanationInterval ? slot : nil
        }
        if let slot = openManySources(target: source) {
            add(score, at: time, to: &incidents[slot])
            return nil
        }
        // 4. A target's after-effect.
        if let slot = incidentTargeting(source, at: time) {
            incidents[slot].afterEffects &+= 1
            state.value.afterEffectPackets &+= 1
            return nil
        }
        // 5. Evidence for a new incident: the sender's own, or many sources' to the receiver.
        let othersToTarget = unclaimedSources(towards: destination, at: time) > 0
            || recentManySources(target: destination, at: time) != nil
        if let slot = consider(source, target: destination, port: record.destinationPort, score: score,
                               threshold: threshold, time: time, othersToTarget: othersToTarget) {
            claim(source, towards: destination, at: time)
            return slot
        }
        return considerManySources(source, target: destination, port: record.destinationPort, score: score,
                                   threshold: threshold, time: time)
    }

    func add(_ score: Double, at time: Int64, to incident: inout Incident) {
        incident.packets &+= 1
        incident.scoreSum += score
        if score > incident.peakScore { incident.peakScore = score }
        if time > incident.lastTime { incident.lastTime = time }
    }

    func openIncident(actor: HostIdentity) -> Int? {
        guard actor != .none else { return nil }
        for slot in 0..<incidents.count where incidents[slot].id != 0 && incidents[slot].isOpen
            && !incidents[slot].isManySources && incidents[slot].actor == actor {
            return slot
        }
        return nil
    }

    /// An incident, open or within the after-effect horizon, one of whose targets is `host`.
    func incidentTargeting(_ host: HostIdentity, at time: Int64) -> Int? {
        guard host != .none else { return nil }
        for slot in 0..<incidents.count where incidents[slot].id != 0
            && (incidents[slot].isOpen || time &- incidents[slot].lastTime <= afterEffect) {
            if incidents[slot].isManySources {
                if incidents[slot].actor.isSameTarget(as: host) { return slot }
                continue
            }
            let base = slot * Self.targetsPerIncident
            for index in base..<(base + Self.targetsPerIncident) {
                if targets[index].packets == 0 { break }
                if targets[index].host.isSameTarget(as: host) { return slot }
            }
        }
        return nil
    }

    /// Counts a target of the incident in `slot`, keeping its busiest few in order.
    func addTarget(_ host: HostIdentity, port: PortField, of slot: Int, to incident: inout Incident) {
        incident.targetBits.insert(host.targetHash)
        if port.isPresent { incident.portBits.insert(StreamKey.socket(host.address, port).hashValue64) }
        let base = slot * Self.targetsPerIncident
        var index = base
        while index < base + Self.targetsPerIncident {
            if targets[index].packets == 0 || targets[index].host.isSameTarget(as: host) { break }
            index += 1
        }
        if index == base + Self.targetsPerIncident {
            // Full: a new target replaces the least busy, which is last.
            index -= 1
            targets[index] = IncidentTarget()
        }
        // A target first seen by broadcast (ARP) is named by its own MAC once it is reached at it.
        if targets[index].packets == 0 || (host.mac.isUnicast && !targets[index].host.mac.isUnicast) {
            targets[index].host = host
        }
        targets[index].packets &+= 1
        // Keep the busiest first: move up past those it now outnumbers.
        while index > base && targets[index].packets > targets[index - 1].packets {
            let swap = targets[index - 1]
            targets[index - 1] = targets[index]
            targets[index] = swap
            index -= 1
        }
    }

    /// Evidence against `source`; opens its incident when there is enough. The slot, if opened.
    /// `othersToTarget`: other sources are anomalous towards the same target, so one strong
    /// packet is not enough (it may be the first of many sources).
    func consider(_ source: HostIdentity, target: HostIdentity, port: PortField, score: Double, threshold: Double,
                  time: Int64, othersToTarget: Bool) -> Int? {
        let window = Self.nanoseconds(configuration.evidenceSeconds)
        var found = -1, oldest = 0
        for index in 0..<candidates.count {
            let candidate = candidates[index]
            if candidate.packets > 0 && candidate.host == source { found = index; break }
            if candidate.packets == 0 || candidate.lastTime < candidates[oldest].lastTime
                || (candidates[oldest].packets > 0 && candidate.packets == 0) {
                oldest = index
            }
        }
        var candidate: IncidentCandidate
        if found >= 0 && time &- candidates[found].firstTime <= window {
            candidate = candidates[found]
        } else {
            if found >= 0 { oldest = found }
            found = oldest
            candidate = IncidentCandidate()
            candidate.host = source
            candidate.firstTime = time
            candidate.target = target
        }
        candidate.packets += 1
        candidate.lastTime = time
        candidate.scoreSum += score
        if score > candidate.peakScore { candidate.peakScore = score }
        let strong = score >= configuration.strongSeverity * threshold && !othersToTarget
        guard candidate.packets >= configuration.evidencePackets || strong else {
            candidates[found] = candidate
            return nil
        }
        candidates[found] = IncidentCandidate()
        return open(candidate, port: port, threshold: threshold)
    }

    /// Opens an incident for a candidate that has shown enough; nil if the table is full of open
    /// incidents (counted).
    func open(_ candidate: IncidentCandidate, port: PortField, threshold: Double) -> Int? {
        guard let started = startIncident(actor: candidate.host, firstTime: candidate.firstTime,
                                          lastTime: candidate.lastTime, packets: candidate.packets,
                                          peakScore: candidate.peakScore, scoreSum: candidate.scoreSum,
                                          threshold: threshold) else { return nil }
        let slot = started.slot
        var incident = started.incident
        addTarget(candidate.target, port: port, of: slot, to: &incident)
        // Packets its targets sent it before it opened were answers to it: they are its too.
        let window = Self.nanoseconds(configuration.evidenceSeconds)
        for index in 0..<candidates.count where candidates[index].packets > 0
            && candidates[index].target.isSameTarget(as: incident.actor)
            && candidate.lastTime &- candidates[index].lastTime <= window {
            absorb(candidates[index], into: &incident)
            addTarget(candidates[index].host, port: .none, of: slot, to: &incident)
            candidates[index] = IncidentCandidate()
        }
        incidents[slot] = incident
        return slot
    }

    /// A new open incident of `actor`, numbered and counted, in a free slot whose target list is
    /// emptied, with the evidence that opened it; nil if the table is full of open incidents
    /// (counted). The caller fills in the rest and stores it in the slot.
    func startIncident(actor: HostIdentity, firstTime: Int64, lastTime: Int64, packets: Int, peakScore: Double,
                       scoreSum: Double, threshold: Double) -> (slot: Int, incident: Incident)? {
        guard let slot = freeSlot(at: lastTime) else {
            state.value.incidentsDropped &+= 1
            return nil
        }
        var current = state.value
        current.lastID &+= 1
        current.incidentsOpened &+= 1
        state.value = current
        var incident = Incident()
        incident.id = current.lastID
        incident.isOpen = true
        incident.actor = actor
        incident.firstTime = firstTime
        incident.lastTime = lastTime
        incident.packets = Int64(packets)
        incident.peakScore = peakScore
        incident.scoreSum = scoreSum
        incident.threshold = threshold
        let base = slot * Self.targetsPerIncident
        for index in base..<(base + Self.targetsPerIncident) { targets[index] = IncidentTarget() }
        return (slot, incident)
    }

    /// A candidate's packets become the incident's (answers to its actor before it opened).
    func absorb(_ candidate: IncidentCandidate, into incident: inout Incident) {
        incident.packets &+= Int64(candidate.packets)
        incident.scoreSum += candidate.scoreSum
        if candidate.peakScore > incident.peakScore { incident.peakScore = candidate.peakScore }
        if candidate.firstTime < incident.firstTime { incident.firstTime = candidate.firstTime }
    }

    /// A free slot, or the one of the incident that ended longest ago, once it is reported.
    func freeSlot(at time: Int64) -> Int? {
        var best = -1
        for slot in 0..<incidents.count {
            let incident = incidents[slot]
            if incident.id == 0 { return slot }
            guard !incident.isOpen && incident.closeReported else { continue }
            if best < 0 || incident.lastTime < incidents[best].lastTime { best = slot }
        }
        return best >= 0 ? best : nil
    }

    /// The latest explanation: its causes replace the last ones, its behaviour adds to what the
    /// incident has shown (a flood's rate, a claimed address), and the largest rate ratio stays.
    public func setExplanation(_ explanation: Explanation, slot: Int, at time: Int64) {
        var incident = incidents[slot]
        let previous = incident.explanation
        var latest = explanation
        if incident.isManySources {
            // What one of many sources did alone says nothing of them.
            latest.behaviour.subtract([.newHost, .rateAboveUsual, .claimsAddress])
            latest.behaviour.insert(.manySources)
            latest.rateRatio = 0
        } else {
            latest.behaviour.remove(.manySources)
        }
        if previous.newSourcesPerSecond > latest.newSourcesPerSecond {
            latest.newSourcesPerSecond = previous.newSourcesPerSecond
        }
        latest.behaviour.formUnion(previous.behaviour)
        if previous.rateRatio > latest.rateRatio { latest.rateRatio = previous.rateRatio }
        if !latest.behaviour.contains(.claimsAddress) || latest.claimedAddress == .none {
            if previous.behaviour.contains(.claimsAddress) { latest.claimedAddress = previous.claimedAddress }
        }
        // A host that was new when the incident opened is no longer new later: keep the first word.
        if !previous.behaviour.contains(.newHost) && incident.lastExplained != 0 { latest.behaviour.remove(.newHost) }
        incident.explanation = latest
        incident.lastExplained = time
        incidents[slot] = incident
    }

    /// Explanations are refreshed at most this often per incident (and when it opens).
    static var explanationInterval: Int64 { 1_000_000_000 }

    // MARK: Reports

    /// Closes quiet incidents and queues the reports that are due, most severe first, as far as
    /// the rate limit allows. Runs for every packet and on the program's idle ticks, and looks at
    /// the table every `checkInterval` (100 ms) of capture time: an incident's opening goes out
    /// within that, and the reports that fall due within it are ranked together, so that under a
    /// burst the most severe go out first, not those that happened to come first.
    @inlinable
    public func advance(to time: Int64) {
        if time &- state.value.lastCheck >= Self.checkInterval { check(at: time) }
    }

    /// `unlimited`: every due report goes out (the end of a run).
    @usableFromInline
    func check(at time: Int64, unlimited: Bool = false) {
        var current = state.value
        if current.lastRefill == Int64.min { current.lastRefill = time }
        current.lastCheck = time
        if time > current.lastRefill {
            let refill = Double(time &- current.lastRefill) * 1e-9 * configuration.alertsPerSecond
            current.tokens = min(Self.burst(configuration), current.tokens + refill)
            current.lastRefill = time
        }
        if unlimited { current.tokens = Double(Self.eventCapacity) }
        let quiet = Self.nanoseconds(configuration.quietSeconds)
        let update = Self.nanoseconds(configuration.updateSeconds)
        // Due reports, most severe first: a selection over a small table, repeated.
        while true {
            var best = -1, bestState = IncidentState.opened, bestSeverity = -1.0
            for slot in 0..<incidents.count {
                var incident = incidents[slot]
                guard incident.id != 0 else { continue }
                if incident.isOpen && time &- incident.lastTime >= quiet {
                    incident.isOpen = false
                    incidents[slot] = incident
                }
                // Every incident reports its opening, then (perhaps after updates) its closing.
                let due: IncidentState
                if !incident.openReported {
                    due = .opened
                } else if !incident.isOpen && !incident.closeReported {
                    due = .closed
                } else if incident.isOpen && incident.packets > incident.packetsAtLastReport
                    && time &- incident.lastReportTime >= update {
                    due = .updated
                } else {
                    continue
                }
                let severity = incident.threshold > 0 ? incident.peakScore / incident.threshold : 0
                if severity > bestSeverity {
                    best = slot
                    bestState = due
                    bestSeverity = severity
                }
            }
            guard best >= 0 else { break }
            guard current.tokens >= 1 && current.eventCount < Self.eventCapacity else {
                // Held back: every due report is counted once, and waits.
                for slot in 0..<incidents.count where incidents[slot].id != 0 && !incidents[slot].heldBackCounted
                    && isDue(incidents[slot], at: time, update: update) {
                    incidents[slot].heldBack &+= 1
                    incidents[slot].heldBackCounted = true
                    current.reportsHeldBack &+= 1
                }
                break
            }
            current.tokens -= 1
            var incident = incidents[best]
            if bestState == .opened { incident.openReported = true }
            if bestState == .closed { incident.closeReported = true }
            incident.lastReportTime = time
            incident.packetsAtLastReport = incident.packets
            incident.heldBackCounted = false
            incidents[best] = incident
            let index = (current.firstEvent + current.eventCount) % Self.eventCapacity
            events[index] = event(bestState, slot: best)
            current.eventCount += 1
            current.reportsSent &+= 1
        }
        state.value = current
    }

    func isDue(_ incident: Incident, at time: Int64, update: Int64) -> Bool {
        (!incident.isOpen && !incident.closeReported) || !incident.openReported
            || (incident.isOpen && incident.packets > incident.packetsAtLastReport
                && time &- incident.lastReportTime >= update)
    }

    /// Closes every open incident (the capture ended, or the program stops) and queues their
    /// reports, rate limit or not: nothing is lost at the end.
    public func finish(at time: Int64) {
        for slot in 0..<incidents.count where incidents[slot].id != 0 && incidents[slot].isOpen {
            incidents[slot].isOpen = false
        }
        check(at: time, unlimited: true)
    }

    /// The report for the incident in `slot`.
    func event(_ state: IncidentState, slot: Int) -> IncidentEvent {
        let incident = incidents[slot]
        var event = IncidentEvent.empty
        event.state = state
        event.id = incident.id
        // The targets (for many sources: the sources) are kept busiest first, without gaps.
        let base = slot * Self.targetsPerIncident
        func address(_ rank: Int) -> NetworkAddress {
            targets[base + rank].packets > 0 ? targets[base + rank].host.address : .none
        }
        var count = 0
        while count < 4 && targets[base + count].packets > 0 { count += 1 }
        if incident.isManySources {
            event.actor = HostIdentity(mac: incident.sourceMAC, address: address(0))
            // The distinct count's estimate may exceed the packets a little: it is an estimate.
            event.sourceCount = min(max(incident.targetBits.estimate, count, Int(clamping: incident.newSources)),
                                    Int(clamping: incident.packets))
            event.topSources = (address(0), address(1), address(2), address(3))
            event.topSourceCount = count
            event.mainTarget = incident.actor
            event.targetCount = 1
            event.topTargets = (incident.actor.address, .none, .none, .none)
            event.topTargetCount = 1
        } else {
            event.actor = incident.actor
            event.topSources = (incident.actor.address, .none, .none, .none)
            event.topSourceCount = 1
            event.mainTarget = targets[base].host
            event.topTargets = (address(0), address(1), address(2), address(3))
            event.topTargetCount = count
            event.targetCount = max(incident.targetBits.estimate, count)
        }
        event.portCount = incident.portBits.estimate
        event.firstTime = incident.firstTime
        event.lastTime = incident.lastTime
        event.packets = incident.packets
        event.afterEffectPackets = incident.afterEffects
        event.peakScore = incident.peakScore
        event.meanScore = incident.packets > 0 ? incident.scoreSum / Double(incident.packets) : 0
        event.threshold = incident.threshold
        event.heldBack = incident.heldBack
        event.explanation = incident.explanation
        event.explanation.behaviour.formUnion(Self.behaviour(targets: event.targetCount, ports: event.portCount))
        if incident.isManySources {
            // The target's 1 s window had barely filled when the incident opened (a few
            // milliseconds into a flood); the incident's own new sources over its span say more
            // once it has lasted 50 ms. Both estimates fall short of the truth, so
            // the larger is the better.
            let span = Double(incident.lastTime &- incident.firstTime) * 1e-9
            if span >= 0.05 {
                event.explanation.newSourcesPerSecond = max(event.explanation.newSourcesPerSecond,
                                                            Double(incident.newSources) / span)
            }
        }
        return event
    }

    /// What the incident's own counts show.
    static func behaviour(targets: Int, ports: Int) -> IncidentBehaviour {
        var behaviour = IncidentBehaviour()
        if targets >= 5 { behaviour.insert(.manyHosts) }
        if ports >= 20 { behaviour.insert(.manyPorts) }
        return behaviour
    }

    /// Whether a report waits for `nextEvent`.
    @inlinable public var hasEvent: Bool { state.value.eventCount > 0 }

    /// The next report, oldest first.
    @inline(never)
    public func nextEvent() -> IncidentEvent? {
        var current = state.value
        guard current.eventCount > 0 else { return nil }
        let event = events[current.firstEvent]
        current.firstEvent = (current.firstEvent + 1) % Self.eventCapacity
        current.eventCount -= 1
        state.value = current
        return event
    }

    /// Incidents open now.
    public var openCount: Int {
        var count = 0
        for slot in 0..<incidents.count where incidents[slot].id != 0 && incidents[slot].isOpen { count += 1 }
        return count
    }
}

/// The tracker's clock, rate limit and counts.
@usableFromInline
struct TrackerState {
    @usableFromInline var lastPacketTime = Int64.min
    @usableFromInline var warmUntil = Int64.max
    @usableFromInline var rewarmings: Int64 = 0
    @usableFromInline var lastID: Int64 = 0
    @usableFromInline var incidentsOpened: Int64 = 0
    @usableFromInline var incidentsDropped: Int64 = 0
    @usableFromInline var afterEffectPackets: Int64 = 0
    @usableFromInline var reportsSent: Int64 = 0
    @usableFromInline var reportsHeldBack: Int64 = 0
    @usableFromInline var tokens: Double
    @usableFromInline var lastRefill = Int64.min
    @usableFromInline var lastCheck = Int64.min / 2
    @usableFromInline var firstEvent = 0
    @usableFromInline var eventCount = 0

    @inlinable init(tokens: Double) { self.tokens = tokens }
}

extension IncidentEvent {
    static let empty = IncidentEvent(
        state: .opened, id: 0, actor: .none, mainTarget: .none, targetCount: 0, portCount: 0, firstTime: 0, lastTime: 0,
        packets: 0, afterEffectPackets: 0, peakScore: 0, meanScore: 0, threshold: 0, heldBack: 0,
        explanation: Explanation())
}

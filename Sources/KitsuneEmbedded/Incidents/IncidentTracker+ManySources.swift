/// Incidents of many sources to one target: a flood from spoofed addresses, or a distributed one.
/// Each source sends a packet or a few, never enough alone, so the evidence is the target's: its
/// anomalous packets from `manySourcesMinimum` distinct sources within `evidenceSeconds`. The
/// incident then names the target, counts the sources (and the MAC they came through), and takes
/// every further anomalous packet to the target, and the target's answers, until it is quiet.
extension IncidentTracker {
    /// The open incident of many sources to `target`.
    func openManySources(target: HostIdentity) -> Int? {
        guard target != .none else { return nil }
        for slot in 0..<incidents.count where incidents[slot].id != 0 && incidents[slot].isOpen
            && incidents[slot].isManySources && incidents[slot].actor.isSameTarget(as: target) {
            return slot
        }
        return nil
    }

    /// A many-source incident to `target`, open or ended within the after-effect horizon.
    func recentManySources(target: HostIdentity, at time: Int64) -> Int? {
        guard target != .none else { return nil }
        for slot in 0..<incidents.count where incidents[slot].id != 0 && incidents[slot].isManySources
            && incidents[slot].actor.isSameTarget(as: target) && (incidents[slot].isOpen || time &- incidents[slot].lastTime <= afterEffect) {
            return slot
        }
        return nil
    }

    /// Counts one more source of the many-source incident in `slot`, and the port it sent to.
    func addSource(_ source: HostIdentity, port: PortField, of slot: Int, to incident: inout Incident) {
        if incident.sourceMAC != source.mac { incident.sourceMAC = .absent }
        // The list and counts of targets hold the sources here; the ports are the target's.
        addTarget(source, port: .none, of: slot, to: &incident)
        if port.isPresent { incident.portBits.insert(StreamKey.socket(incident.actor.address, port).hashValue64) }
    }

    /// The target candidate of `target`, if any, and a free or the oldest slot for one.
    func targetCandidate(_ target: HostIdentity) -> (found: Int?, free: Int) {
        var oldest = 0
        for index in 0..<targetCandidates.count {
            let candidate = targetCandidates[index]
            if candidate.packets > 0 && candidate.host.isSameTarget(as: target) { return (index, index) }
            if candidate.packets == 0 || (targetCandidates[oldest].packets > 0
                && candidate.lastTime < targetCandidates[oldest].lastTime) {
                oldest = index
            }
        }
        return (nil, oldest)
    }

    /// Distinct sources anomalous towards `target` within the evidence window, less those that
    /// opened incidents of their own.
    func unclaimedSources(towards target: HostIdentity, at time: Int64) -> Int {
        guard target != .none, let found = targetCandidate(target).found,
              time &- targetCandidates[found].firstTime <= Self.nanoseconds(configuration.evidenceSeconds) else { return 0 }
        return targetCandidates[found].sources.estimate - targetCandidates[found].claimed
    }

    /// `source` opened an incident of its own: its earlier packets to `target` (counted as one of
    /// the target's sources) are its incident's, not evidence of many sources.
    func claim(_ source: HostIdentity, towards target: HostIdentity, at time: Int64) {
        guard let found = targetCandidate(target).found else { return }
        targetCandidates[found].claimed += 1
    }

    /// Evidence of many sources against `target`: opens their incident when enough distinct
    /// sources, none with an incident of its own, are anomalous towards it. The slot, if opened.
    func considerManySources(_ source: HostIdentity, target: HostIdentity, port: PortField, score: Double,
                             threshold: Double, time: Int64) -> Int? {
        guard target != .none else { return nil }
        let window = Self.nanoseconds(configuration.evidenceSeconds)
        let slots = targetCandidate(target)
        var found = slots.found ?? -1
        var candidate: TargetCandidate
        if found >= 0 && time &- targetCandidates[found].firstTime <= window {
            candidate = targetCandidates[found]
        } else {
            found = slots.free
            candidate = TargetCandidate()
            candidate.host = target
            candidate.firstTime = time
        }
        candidate.packets += 1
        candidate.lastTime = time
        candidate.scoreSum += score
        if score > candidate.peakScore { candidate.peakScore = score }
        candidate.sources.insert(source.targetHash)
        guard candidate.sources.estimate - candidate.claimed >= configuration.manySourcesMinimum
            && candidate.packets >= configuration.evidencePackets else {
            targetCandidates[found] = candidate
            return nil
        }
        targetCandidates[found] = TargetCandidate()
        return openManySources(candidate, lastSource: source, port: port, threshold: threshold)
    }

    /// Opens the incident of many sources to a target candidate; nil if the table is full of
    /// open incidents (counted). The sources' own candidates towards it, and the target's
    /// answers to them, become its packets.
    func openManySources(_ candidate: TargetCandidate, lastSource: HostIdentity, port: PortField,
                         threshold: Double) -> Int? {
        guard let started = startIncident(actor: candidate.host, firstTime: candidate.firstTime,
                                          lastTime: candidate.lastTime, packets: candidate.packets,
                                          peakScore: candidate.peakScore, scoreSum: candidate.scoreSum,
                                          threshold: threshold) else { return nil }
        let slot = started.slot
        var incident = started.incident
        incident.isManySources = true
        incident.sourceMAC = lastSource.mac
        // The candidate counted its sources; the list starts with the last, and the count with all.
        incident.targetBits = candidate.sources
        addSource(lastSource, port: port, of: slot, to: &incident)
        let window = Self.nanoseconds(configuration.evidenceSeconds)
        for index in 0..<candidates.count where candidates[index].packets > 0
            && candidate.lastTime &- candidates[index].lastTime <= window {
            let other = candidates[index]
            // A source's own evidence towards this target, or the target's answers.
            let answers = other.host.isSameTarget(as: candidate.host)
            guard answers || other.target.isSameTarget(as: candidate.host) else { continue }
            if answers {
                absorb(other, into: &incident)
            } else {
                // Its packets are counted already, in the target's candidate.
                addSource(other.host, port: .none, of: slot, to: &incident)
            }
            candidates[index] = IncidentCandidate()
        }
        var explanation = Explanation()
        explanation.behaviour = .manySources
        incident.explanation = explanation
        incidents[slot] = incident
        return slot
    }
}

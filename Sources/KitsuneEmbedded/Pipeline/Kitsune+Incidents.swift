extension Kitsune {
    /// The next incident report, oldest first; nil when there is none. A program drains them
    /// after every `process` and `tick`.
    ///
    /// Inlined, so that the usual answer, none, is one test in the caller's loop: most packets
    /// have no report, and an empty `IncidentEvent?` of a few hundred bytes returned from a call
    /// cost hundreds of instructions a packet (1,568 in all on x86-64's router build, 6% of
    /// `detect`). A report is taken out of line.
    @inlinable @inline(__always)
    public func nextIncidentEvent() -> IncidentEvent? {
        guard incidents.hasEvent else { return nil }
        return incidents.nextEvent()
    }

    /// Time passes without a packet (a live capture's idle moment): incidents close and updates
    /// go out by the clock. `time` is in the capture's time base (nanoseconds since the epoch).
    public func tick(at time: Int64) {
        incidents.advance(to: PacketTime.limited(time))
    }

    /// Ends every open incident and queues its report, whatever the rate limit: the capture ended
    /// or the program stops.
    public func finishIncidents(at time: Int64) {
        incidents.finish(at: PacketTime.limited(time))
    }

    /// Incidents open now.
    public var openIncidents: Int { incidents.openCount }

    /// Whether alerting has warmed up (after the first packet, or after a long silence).
    public var isWarm: Bool {
        let state = incidents.state.value
        return state.lastPacketTime != Int64.min && state.lastPacketTime >= state.warmUntil
    }

    /// Why the last packet scored what it did (see `Explanation`), for the incident its sender
    /// acts in.
    func explanation(of record: PacketRecord) -> Explanation {
        let count = features.count
        kitNET.explain(features.base, into: featureShares.base, count: count)
        for group in 0..<groupShares.count { groupShares[group] = 0 }
        for feature in 0..<count { groupShares[Int(columnGroups[feature])] += featureShares[feature] }
        var explanation = Explanation()
        // The three largest shares.
        var picked = (-1, -1, -1)
        for rank in 0..<3 {
            var best = -1
            for group in 0..<groupShares.count where group != picked.0 && group != picked.1 && groupShares[group] > 0 {
                if best < 0 || groupShares[group] > groupShares[best] { best = group }
            }
            guard best >= 0 else { break }
            let lambdas = configuration.afterImage.lambdas.count
            let cause = ExplanationCause(family: layout.families[best / lambdas],
                                         lambdaIndex: best % lambdas, share: groupShares[best])
            switch rank {
            case 0: explanation.causes.0 = cause; picked.0 = best
            case 1: explanation.causes.1 = cause; picked.1 = best
            default: explanation.causes.2 = cause; picked.2 = best
            }
            explanation.causeCount = rank + 1
        }
        describeBehaviour(of: record, into: &explanation)
        return explanation
    }

    /// What the sender's statistics show: a rate far above its usual, a host with no history, a
    /// MAC sending as an address with a history but none with this MAC; and what the target's
    /// show: the rate at which new sources reach it.
    func describeBehaviour(of record: PacketRecord, into explanation: inout Explanation) {
        let image = afterImage
        let lambdas = configuration.afterImage.lambdas
        var fastest = 0
        for index in lambdas.indices where lambdas[index] > lambdas[fastest] { fastest = index }
        let slowest = image.slowestLambda
        if let targets = image.targets, let target = targets.find(.host(record.destinationAddress)) {
            // The decay rate nearest one a second; a steady r a second has weight r / (λ ln 2).
            var nearest = 0
            for index in lambdas.indices where abs(c_log(lambdas[index])) < abs(c_log(lambdas[nearest])) {
                nearest = index
            }
            let newSources = (targets.weight(target, lambda: nearest) * targets.mean(target, lambda: nearest)).doubleValue
            explanation.newSourcesPerSecond = newSources * lambdas[nearest] * 0.693_147_180_559_945_3
        }
        guard let host = image.hosts.find(.host(record.sourceAddress)) else { return }
        let usual = image.hosts.weight(host, lambda: slowest).doubleValue
        let recent = image.hosts.weight(host, lambda: fastest).doubleValue
        // A steady stream of r packets/s has weight r / (λ ln 2) at every λ.
        let usualRate = usual * lambdas[slowest], recentRate = recent * lambdas[fastest]
        // (w·λ is the rate over ln 2: 14.4 is 10 packets/s.)
        if usualRate > 0 {
            explanation.rateRatio = recentRate / usualRate
            if explanation.rateRatio >= 10 && recentRate >= 14.4 { explanation.behaviour.insert(.rateAboveUsual) }
        }
        if usual < 3 { explanation.behaviour.insert(.newHost) }
        // The address has a history, this MAC has little of it: at most a tenth of its packets.
        let pair = image.macHosts.find(.macAndHost(record.sourceMAC, record.sourceAddress))
        let pairWeight = pair.map { image.macHosts.weight($0, lambda: slowest).doubleValue } ?? 0
        if record.sourceMAC.isPresent && usual >= 20 && pairWeight * 10 <= usual {
            explanation.behaviour.insert(.claimsAddress)
            explanation.claimedAddress = record.sourceAddress
            explanation.behaviour.remove(.newHost)
        }
    }
}

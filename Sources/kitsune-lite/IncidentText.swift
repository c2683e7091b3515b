import KitsuneEmbedded

/// The words of an incident report, shared by syslog, RFC 5424 and EVE.
extension TextBuffer {
    /// `incident 3 opened: 10.200.0.66 (02:1a:11:00:00:66) -> 7 hosts (10.200.0.10, ...), 1,234
    /// packets in 2.1 s, peak 2.79 over 0.18: socket streams, 0.2 s window: many ports`, or for
    /// many sources `incident 4 opened: 9,870 sources (203.0.113.7, ...) via 02:1a:11:00:00:01 ->
    /// 10.200.0.50, ...: target streams, 1 s window: many sources, 1,980 new a second`
    mutating func appendSentence(_ event: IncidentEvent, layout: FeatureLayout) {
        append("incident ")
        append(decimal: event.id)
        append(" ")
        append(event.state.name)
        append(": ")
        appendActor(event)
        append(" -> ")
        if event.targetCount <= 1 {
            append(address: event.mainTarget.address)
        } else {
            append(grouped: Int64(event.targetCount))
            append(" hosts (")
            append(addresses: event.topTargetList, separator: ", ", quoted: false)
            if event.targetCount > event.topTargetCount { append(", ...") }
            append(")")
        }
        append(", ")
        append(grouped: event.packets)
        append(event.packets == 1 ? " packet" : " packets")
        let seconds = Double(event.lastTime - event.firstTime) * 1e-9
        append(" in ")
        append(fixed: seconds, decimals: 1)
        append(" s, peak ")
        append(general: event.peakScore, digits: 3)
        append(" over ")
        append(general: event.threshold, digits: 3)
        if event.afterEffectPackets > 0 {
            append(", ")
            append(grouped: event.afterEffectPackets)
            append(" after-effect packets of its targets")
        }
        if event.heldBack > 0 {
            append(", ")
            append(grouped: event.heldBack)
            append(event.heldBack == 1 ? " report held back" : " reports held back")
        }
        let explanation = event.explanation
        if explanation.causeCount > 0 {
            append(": ")
            appendCause(explanation.causes.0, layout: layout)
        }
        var words = 0
        appendBehaviour(explanation) { line in
            line.append(words == 0 ? ": " : ", ")
            words += 1
        }
    }

    /// `10.200.0.66 (02:1a:11:00:00:66)`, the MAC first when it claims an address; `9,870 sources
    /// (203.0.113.7, 198.51.100.2, ...) via 02:1a:11:00:00:01` for many.
    mutating func appendActor(_ event: IncidentEvent) {
        let actor = event.actor
        if event.isManySources {
            append(grouped: Int64(event.sourceCount))
            append(" sources (")
            append(addresses: event.topSourceList, separator: ", ", quoted: false)
            if event.sourceCount > event.topSourceCount { append(", ...") }
            append(")")
            if actor.mac.isPresent {
                append(" via ")
                append(mac: actor.mac)
            }
            return
        }
        if event.explanation.behaviour.contains(.claimsAddress) && actor.mac.isPresent {
            append(mac: actor.mac)
            append(" as ")
            append(address: actor.address)
            return
        }
        append(address: actor.address)
        if actor.mac.isPresent && actor.address.family != .mac {
            append(" (")
            append(mac: actor.mac)
            append(")")
        }
    }

    /// `socket streams, 0.2 s window`
    mutating func appendCause(_ cause: ExplanationCause, layout: FeatureLayout) {
        append(cause.family.name)
        append(", ")
        appendWindow(layout.window(ofLambda: cause.lambdaIndex))
        append(" window")
    }

    /// A window in seconds as a person writes it: 0.2 s, 0.33 s, 10 s, 100 s.
    mutating func appendWindow(_ seconds: Double) {
        if seconds >= 1 {
            append(fixed: seconds, decimals: seconds == seconds.rounded() ? 0 : 1)
        } else {
            append(general: seconds, digits: 2)
        }
        append(" s")
    }

    /// The behaviours in words, each after `separator`.
    mutating func appendBehaviour(_ explanation: Explanation, separator: (inout TextBuffer) -> Void) {
        let behaviour = explanation.behaviour
        if behaviour.contains(.manySources) {
            separator(&self)
            append("many sources")
            if explanation.newSourcesPerSecond >= 1 {
                append(", ")
                append(grouped: Int64(explanation.newSourcesPerSecond.rounded()))
                append(" new a second")
            }
        }
        if behaviour.contains(.manyHosts) { separator(&self); append("many hosts") }
        if behaviour.contains(.manyPorts) { separator(&self); append("many ports") }
        if behaviour.contains(.claimsAddress) {
            separator(&self)
            append("its MAC claims ")
            append(address: explanation.claimedAddress)
        }
        if behaviour.contains(.rateAboveUsual) {
            separator(&self)
            append("a rate ")
            append(grouped: Int64(explanation.rateRatio.rounded()))
            append(" times its usual")
        }
        if behaviour.contains(.newHost) { separator(&self); append("a new host") }
    }

    /// The behaviours as identifiers: `many_hosts,many_ports`.
    mutating func appendBehaviourNames(_ behaviour: IncidentBehaviour, quote: Bool) {
        var first = true
        func name(_ flag: IncidentBehaviour, _ text: StaticString) {
            guard behaviour.contains(flag) else { return }
            if !first { append(",") }
            first = false
            if quote { append("\"") }
            append(text)
            if quote { append("\"") }
        }
        name(.manySources, "many_sources")
        name(.manyHosts, "many_hosts")
        name(.manyPorts, "many_ports")
        name(.claimsAddress, "claims_address")
        name(.rateAboveUsual, "rate_above_usual")
        name(.newHost, "new_host")
    }

    /// An integer with thousands separated: `1,234,567`.
    mutating func append(grouped value: Int64) {
        if value < 0 {
            append("-")
            append(grouped: 0 &- value)
            return
        }
        if value < 1000 {
            append(decimal: value)
            return
        }
        append(grouped: value / 1000)
        append(",")
        let rest = value % 1000
        if rest < 100 { append("0") }
        if rest < 10 { append("0") }
        append(decimal: rest)
    }
}

extension IncidentEvent {
    /// The syslog severity: error at ten times the threshold, warning at twice, notice below.
    var syslogSeverity: Int32 { severity >= 10 ? 3 : (severity >= 2 ? 4 : 5) }
}

extension TextBuffer {
    /// `2 false incidents in it: 1.3 a day to expect` or `no false incident in it: at most 14 a
    /// day to expect (95%)`.
    mutating func appendFalseIncidents(_ calibration: ModelCalibration) {
        if calibration.falseIncidents == 0 {
            append("no false incident in it")
        } else {
            append(grouped: calibration.falseIncidents)
            append(calibration.falseIncidents == 1 ? " false incident in it" : " false incidents in it")
        }
        guard let perDay = calibration.falseIncidentsPerDay else { return }
        append(perDay.isUpperBound ? ": at most " : ": ")
        append(general: perDay.expected, digits: 2)
        append(perDay.isUpperBound ? " a day to expect (95%)" : " a day to expect")
    }
}

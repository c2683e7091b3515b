import CSupport
import KitsuneEmbedded

/// Where incident reports go: JSON lines in the shape of Suricata's EVE `alert` events, the local
/// syslog, and a remote collector (RFC 5424); or, when none of them is named, standard output.
struct AlertSinks {
    var eve: OutputFile?
    var syslog: Bool
    var remote: RemoteSyslog? = nil
    /// Standard output, when no sink is named: each report as the syslog's sentence, a line, so
    /// that `detect` run by hand on a capture shows what it found rather than a count of it.
    /// (The OpenWrt service always names a sink.)
    var printed: OutputFile? = nil
    let layout: FeatureLayout
    var delivery = DeliveryCounts()
    /// `--syslog-rate`: reports a minute to the local syslog at most (0: no cap beyond
    /// --alert-rate's), so that a router's small log ring buffer keeps other services' lines
    /// through an attack. What is held back is counted; the EVE file and a collector get it.
    var syslogPerMinute = 0.0
    private var syslogAllowance = 0.0
    private var syslogRefilledAt: Int64? = nil
    /// One packet in this many is scored (`ScoringSample`): above 1, every report says so.
    var scoreEvery: Int64 = 1
    /// Whether the EVE lines go to standard output (`--eve -`, or the file it is redirected to).
    var eveIsStandardOutput = false
    /// Standard output could not be written: the run is stopping, and nothing more is tried there.
    private(set) var lostStandardOutput = false

    init(eve: OutputFile?, syslog: Bool, layout: FeatureLayout) {
        self.eve = eve
        self.syslog = syslog
        self.layout = layout
    }

    /// Whether no sink is named: no EVE file, local syslog or collector.
    var namesNoSink: Bool { eve == nil && !syslog && remote == nil }

    mutating func deliver(_ event: IncidentEvent) {
        var line = TextBuffer(capacity: 768)
        if let eve {
            if eveIsStandardOutput && lostStandardOutput {
                delivery.undeliveredEVE += 1
            } else {
                appendEVE(event, to: &line)
                eve.write(&line)
                // Read after the flush, which rotates the file when it is full.
                defer { delivery.eveRotations = eve.rotations }
                if !eve.flushBuffer() {
                    // A file that cannot be written (a full disk) is counted and detection goes on,
                    // for the syslog; standard output that cannot be is nowhere left to report to.
                    if eveIsStandardOutput {
                        loseStandardOutput()
                    } else if delivery.undeliveredEVE == 0 {
                        warn("cannot write the EVE file '" + (eve.finalPath ?? "-") + "': " + String(cString: ks_error_text())
                            + "; reports that cannot be written are counted (undelivered_eve)")
                    }
                    delivery.undeliveredEVE += 1
                }
            }
        }
        if syslog {
            if takeSyslogAllowance(at: event.lastTime) {
                line.appendSentence(event, layout: layout)
                appendSampling(to: &line)
                send(event.syslogSeverity, &line)
            } else {
                delivery.syslogHeldBack += 1
            }
        }
        if let remote {
            let lost = remote.send(severity: event.syslogSeverity, time: event.lastTime, messageID: "incident",
                                   structuredData: { appendStructuredData(event, to: &$0) },
                                   message: { $0.appendSentence(event, layout: layout); appendSampling(to: &$0) })
            if lost > 0 && delivery.undeliveredRemote == 0 {
                warn("the syslog server does not take reports: " + String(cString: strerror(remote.lastError))
                    + "; those known lost are counted (undelivered_syslog_server, a lower bound), and sending goes on")
            }
            delivery.undeliveredRemote += Int64(lost)
        }
        if let printed, !lostStandardOutput {
            line.removeAll()
            line.appendSentence(event, layout: layout)
            appendSampling(to: &line)
            line.append(byte: 10)
            printed.write(&line)
            if !printed.flushBuffer() { loseStandardOutput() }
        }
    }

    /// Standard output cannot be written (a reader that has gone, `| head`; a full disk): the run
    /// stops as on SIGTERM, incidents closed and counted in the summary, and fails (`commit`), rather
    /// than be killed by SIGPIPE with nothing said. Said once; nothing more is tried there.
    mutating func loseStandardOutput() {
        guard !lostStandardOutput else { return }
        lostStandardOutput = true
        warn("cannot write standard output (" + String(cString: ks_error_text()) + "): stopping")
        ks_request_stop()
    }

    /// Under overload, the share of packets scored: the incident may have more packets than it
    /// counts, and an attack that began may not have been seen yet.
    func appendSampling(to line: inout TextBuffer) {
        guard scoreEvery > 1 else { return }
        line.append(" (overloaded: 1 packet in ")
        line.append(decimal: scoreEvery)
        line.append(" scored)")
    }

    /// A token bucket by the reports' time: on average `syslogPerMinute` reports a minute, at
    /// most that many (and at least one) at once.
    private mutating func takeSyslogAllowance(at time: Int64) -> Bool {
        guard syslogPerMinute > 0 else { return true }
        let capacity = max(1, syslogPerMinute)
        if let refilled = syslogRefilledAt {
            if time > refilled {
                syslogAllowance = min(capacity, syslogAllowance + Double(time - refilled) * 1e-9 / 60 * syslogPerMinute)
                syslogRefilledAt = time
            }
        } else {
            syslogAllowance = capacity
            syslogRefilledAt = time
        }
        guard syslogAllowance >= 1 else { return false }
        syslogAllowance -= 1
        return true
    }

    /// SIGHUP: the EVE file is opened again under its name (after a rotation). If it cannot be
    /// (a directory the dropped user may not write in), that is said (`warn`), and reports go on
    /// to the file open before.
    mutating func reopenEVE() {
        guard let eve, let reason = eve.reopen() else { return }
        delivery.failedReopens += 1
        warn("cannot reopen the EVE file '" + (eve.finalPath ?? "-") + "' (SIGHUP): " + reason
            + "; reports go on to the file open before")
    }

    /// A warning on standard error, and in the local syslog if reports go there; not on standard
    /// error when its service manager already passes that to the syslog (OpenWrt's procd with
    /// `stderr 1`, systemd's journal), where it would be said twice.
    func warn(_ message: String) {
        if !syslog || ks_standard_error_is_logged() == 0 { printToStandardError("kitsune-lite: warning: " + message) }
        if syslog {
            var line = TextBuffer()
            line.append(message)
            send(LOG_WARNING, &line)
        }
    }


    func send(_ severity: Int32, _ line: inout TextBuffer) {
        line.append(byte: 0)
        line.bytes.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { ks_syslog(severity, $0.baseAddress) }
        }
        line.removeAll()
    }

    /// RFC 5424 structured data, the EVE fields as parameters: `[kitsune@32473 incident="3"
    /// state="opened" src="10.200.0.66" src_mac="..." sources="1" top_sources="10.200.0.66"
    /// dst="10.200.0.10" targets="7" top_targets="10.200.0.10,10.200.0.21" ports="3"
    /// packets="1234" after_effect="0" first="..." last="..." peak="2.79" mean="1.2"
    /// threshold="0.18" severity="15.5" held_back="0" family="socket streams" window="0.2"
    /// share="0.19" family2=... window2=... share2=... family3=... behaviour="many_ports"
    /// rate_ratio="464" claimed_ip="..." new_sources_per_second="..."]` (the last three where the
    /// behaviour has them; values are addresses, numbers and fixed words: nothing to escape).
    func appendStructuredData(_ event: IncidentEvent, to line: inout TextBuffer) {
        line.append("[kitsune@32473 incident=\"")
        line.append(decimal: event.id)
        line.append("\" state=\"")
        line.append(event.state.name)
        line.append("\" src=\"")
        line.append(address: event.actor.address)
        if event.actor.mac.isPresent {
            line.append("\" src_mac=\"")
            line.append(mac: event.actor.mac)
        }
        line.append("\" sources=\"")
        line.append(decimal: event.sourceCount)
        line.append("\" top_sources=\"")
        line.append(addresses: event.topSourceList, quoted: false)
        line.append("\" dst=\"")
        line.append(address: event.mainTarget.address)
        line.append("\" targets=\"")
        line.append(decimal: event.targetCount)
        line.append("\" top_targets=\"")
        line.append(addresses: event.topTargetList, quoted: false)
        line.append("\" ports=\"")
        line.append(decimal: event.portCount)
        line.append("\" packets=\"")
        line.append(decimal: event.packets)
        line.append("\" after_effect=\"")
        line.append(decimal: event.afterEffectPackets)
        line.append("\" first=\"")
        line.append(utc: event.firstTime, suffix: "Z")
        line.append("\" last=\"")
        line.append(utc: event.lastTime, suffix: "Z")
        line.append("\" peak=\"")
        line.append(general: event.peakScore, digits: 6)
        line.append("\" mean=\"")
        line.append(general: event.meanScore, digits: 6)
        line.append("\" threshold=\"")
        line.append(general: event.threshold, digits: 6)
        line.append("\" severity=\"")
        line.append(general: event.severity, digits: 4)
        line.append("\" held_back=\"")
        line.append(decimal: event.heldBack)
        if scoreEvery > 1 {
            line.append("\" score_every=\"")
            line.append(decimal: scoreEvery)
        }
        let explanation = event.explanation
        let causes = [explanation.causes.0, explanation.causes.1, explanation.causes.2].prefix(explanation.causeCount)
        for (rank, cause) in causes.enumerated() {
            let suffix = rank == 0 ? "" : rank == 1 ? "2" : "3"
            line.append("\" family" + suffix + "=\"")
            line.append(cause.family.name)
            line.append("\" window" + suffix + "=\"")
            line.append(general: layout.window(ofLambda: cause.lambdaIndex), digits: 3)
            line.append("\" share" + suffix + "=\"")
            line.append(general: cause.share, digits: 3)
        }
        line.append("\" behaviour=\"")
        line.appendBehaviourNames(explanation.behaviour, quote: false)
        if explanation.behaviour.contains(.rateAboveUsual) {
            line.append("\" rate_ratio=\"")
            line.append(general: explanation.rateRatio, digits: 4)
        }
        if explanation.behaviour.contains(.claimsAddress) {
            line.append("\" claimed_ip=\"")
            line.append(address: explanation.claimedAddress)
        }
        if event.isManySources && explanation.newSourcesPerSecond > 0 {
            line.append("\" new_sources_per_second=\"")
            line.append(general: explanation.newSourcesPerSecond, digits: 4)
        }
        line.append("\"]")
    }

    /// One EVE `alert` event: the actor in `src_ip` and `ether.src_mac`, the main target in
    /// `dest_ip`, and the incident under `anomaly`.
    func appendEVE(_ event: IncidentEvent, to line: inout TextBuffer) {
        line.append("{\"timestamp\":\"")
        line.append(utc: event.lastTime)
        line.append("\",\"event_type\":\"alert\",\"src_ip\":\"")
        line.append(address: event.actor.address)
        line.append("\",\"dest_ip\":\"")
        line.append(address: event.mainTarget.address)
        line.append("\",\"ether\":{")
        if event.actor.mac.isPresent {
            line.append("\"src_mac\":\"")
            line.append(mac: event.actor.mac)
            line.append("\"")
        }
        if event.mainTarget.mac.isPresent {
            if event.actor.mac.isPresent { line.append(",") }
            line.append("\"dest_mac\":\"")
            line.append(mac: event.mainTarget.mac)
            line.append("\"")
        }
        line.append("},\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":1,\"rev\":1,\"signature\":\"")
        line.appendSentence(event, layout: layout)
        line.append("\",\"category\":\"Anomalous traffic\",\"severity\":")
        line.append(decimal: Int(event.syslogSeverity) - 2)
        line.append("},\"anomaly\":{\"incident\":")
        line.append(decimal: event.id)
        line.append(",\"state\":\"")
        line.append(event.state.name)
        line.append("\",\"first_timestamp\":\"")
        line.append(utc: event.firstTime)
        line.append("\",\"last_timestamp\":\"")
        line.append(utc: event.lastTime)
        line.append("\",\"packets\":")
        line.append(decimal: event.packets)
        line.append(",\"after_effect_packets\":")
        line.append(decimal: event.afterEffectPackets)
        line.append(",\"peak_score\":")
        line.append(json: event.peakScore)
        line.append(",\"mean_score\":")
        line.append(json: event.meanScore)
        line.append(",\"threshold\":")
        line.append(json: event.threshold)
        line.append(",\"severity\":")
        line.append(json: event.severity)
        line.append(",\"sources\":")
        line.append(decimal: event.sourceCount)
        line.append(",\"top_sources\":[")
        line.append(addresses: event.topSourceList, quoted: true)
        line.append("],\"targets\":")
        line.append(decimal: event.targetCount)
        line.append(",\"top_targets\":[")
        line.append(addresses: event.topTargetList, quoted: true)
        line.append("],\"ports\":")
        line.append(decimal: event.portCount)
        line.append(",\"held_back\":")
        line.append(decimal: event.heldBack)
        if scoreEvery > 1 {
            line.append(",\"score_every\":")
            line.append(decimal: scoreEvery)
        }
        line.append(",\"explanation\":{\"causes\":[")
        for (index, cause) in event.explanation.causeList.enumerated() {
            if index > 0 { line.append(",") }
            line.append("{\"family\":\"")
            line.append(cause.family.name)
            line.append("\",\"window_seconds\":")
            line.append(json: layout.window(ofLambda: cause.lambdaIndex))
            line.append(",\"share\":")
            line.append(json: cause.share)
            line.append("}")
        }
        line.append("],\"behaviour\":[")
        line.appendBehaviourNames(event.explanation.behaviour, quote: true)
        line.append("]")
        if event.explanation.behaviour.contains(.rateAboveUsual) {
            line.append(",\"rate_ratio\":")
            line.append(json: event.explanation.rateRatio)
        }
        if event.isManySources && event.explanation.newSourcesPerSecond > 0 {
            line.append(",\"new_sources_per_second\":")
            line.append(json: event.explanation.newSourcesPerSecond)
        }
        if event.explanation.behaviour.contains(.claimsAddress) {
            line.append(",\"claimed_ip\":\"")
            line.append(address: event.explanation.claimedAddress)
            line.append("\"")
        }
        line.append("}}}\n")
    }
}

extension TextBuffer {
    /// Addresses, `separator` between them, each in quotes for JSON (`quoted`).
    @inline(never)
    mutating func append(addresses: [NetworkAddress], separator: StaticString = ",", quoted: Bool) {
        for (index, address) in addresses.enumerated() {
            if index > 0 { append(separator) }
            if quoted { append("\"") }
            append(address: address)
            if quoted { append("\"") }
        }
    }

    /// A number in JSON: JSON has no infinity or NaN, so those are written as null.
    @inline(never)
    mutating func append(json value: Double) {
        guard value.isFinite else { return append("null") }
        append(general: value, digits: 9)
    }

    /// A UTC time with microseconds; `suffix` "+0000" as Suricata writes it, "Z" for RFC 3339.
    @inline(never)
    mutating func append(utc nanoseconds: Int64, suffix: StaticString = "+0000") {
        var seconds = nanoseconds / 1_000_000_000
        var fraction = nanoseconds % 1_000_000_000
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000_000
        }
        var scratch = [CChar](repeating: 0, count: 64)
        // A static string literal is NUL-terminated: a C string as it is.
        let length = suffix.utf8Start.withMemoryRebound(to: CChar.self, capacity: suffix.utf8CodeUnitCount + 1) { zone in
            scratch.withUnsafeMutableBufferPointer {
                Int(ks_format_utc($0.baseAddress, 64, seconds, Int32(fraction / 1000), zone))
            }
        }
        for index in 0..<min(max(length, 0), 63) { bytes.append(UInt8(bitPattern: scratch[index])) }
    }
}

/// Reports that did not reach a sink: the EVE file could not be written (a full disk), the
/// collector refused them. Counted, in the summary and the statistics line, never lost in
/// silence. (The local syslog does not say.) `undeliveredRemote` is a lower bound: over UDP a
/// report is known lost only when the collector's host answers with a port unreachable.
struct DeliveryCounts {
    var undeliveredEVE: Int64 = 0
    var undeliveredRemote: Int64 = 0
    /// SIGHUP reopens of the EVE file that failed (reports then go on to the file open before).
    var failedReopens: Int64 = 0
    var eveRotations: Int64 = 0
    /// Reports not sent to the local syslog by --syslog-rate.
    var syslogHeldBack: Int64 = 0

    func append(to line: inout TextBuffer) {
        line.append(" undelivered_eve=")
        line.append(decimal: undeliveredEVE)
        line.append(" undelivered_syslog_server=")
        line.append(decimal: undeliveredRemote)
        line.append(" failed_reopens=")
        line.append(decimal: failedReopens)
        line.append(" eve_rotations=")
        line.append(decimal: eveRotations)
        line.append(" syslog_held_back=")
        line.append(decimal: syslogHeldBack)
    }
}

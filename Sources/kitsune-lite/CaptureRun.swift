import CSupport
import KitsuneEmbedded

/// Reads every packet of a capture through `body`, then reports how the run went on standard
/// error: progress on a terminal, a warning if the file ended early, and a summary.
struct CaptureRun {
    let capture: CaptureFile
    var packets: Int64 = 0
    var endedEarly: String? = nil
    /// Why the capture guard refused the rest of the file: the run covers the packets before.
    var refusedRest: String? = nil
    /// A stop signal ended a capture file before its end (a live capture's normal end is one).
    var stoppedBySignal = false
    let started = ks_monotonic_seconds()
    /// Seconds spent in the two stages, when the command measures them.
    var featureSeconds = 0.0
    var kitNETSeconds = 0.0

    init(capture: CaptureFile) { self.capture = capture }

    /// Calls `body` with every packet's bytes, time and wire length until the capture ends or
    /// `body` returns false.
    /// `idle` runs when a live capture has had no packet for a moment (its read timeout), with the
    /// wall clock's time in nanoseconds: a detector acts on time then.
    mutating func forEachPacket(idle: (Int64) -> Void = { _ in },
                                _ body: (UnsafeRawBufferPointer, Int64, UInt32) -> Bool) {
        let showsProgress = isatty(2) != 0
        var lastProgress = started
        loop: while true {
            switch capture.next() {
            case .packet(let packet):
                let goOn = body(UnsafeRawBufferPointer(start: packet.data, count: Int(packet.captured_length)),
                                packet.timestamp_ns, packet.wire_length)
                packets += 1
                if !goOn { break loop }
                if showsProgress && packets & 0xFFF == 0 {
                    let now = ks_monotonic_seconds()
                    if now - lastProgress >= 1 {
                        lastProgress = now
                        var line = TextBuffer()
                        line.append("kitsune-lite: ")
                        line.append(decimal: packets)
                        line.append(" packets\r")
                        line.bytes.withUnsafeBytes { _ = ks_write(ks_standard_error(), $0.baseAddress, $0.count) }
                    }
                }
            case .idle:
                idle(ks_wall_clock_nanoseconds())
            case .end:
                break loop
            case .stopped:
                stoppedBySignal = true
                break loop
            case .failure(let reason):
                endedEarly = reason
                break loop
            case .refused(let reason):
                refusedRest = reason
                break loop
            }
        }
    }

    /// After a stop signal ended a capture file early: the summary, then the error that leaves
    /// the command's output files as they were (uncommitted, see `OutputFile`) and exits with
    /// status 1, so that a partial result never replaces a complete one.
    func requireCompleted(_ counters: EngineCounters? = nil, engineBytes: Int = 0) throws(ProgramError) {
        guard stoppedBySignal else { return }
        report(counters, engineBytes: engineBytes)
        throw .runtime("stopped by a signal after " + describe(packets) + " packets of '" + capture.path
            + "': the output is not written (a previous one is left as it was)")
    }

    /// After the outputs are written and the summary given: a capture the guard refused part way
    /// exits with status 2, as one refused at its start does, so that no script takes the
    /// result for the whole file's. What was read before the refusal is kept.
    func requireAccepted() throws(ProgramError) {
        guard let refusedRest else { return }
        throw .usage("capture '" + capture.path + "' refused after " + describe(packets) + " packets: "
            + refusedRest + "; the results cover the packets before it")
    }

    /// The summary lines, `key=value` so that scripts (make bench) can read them: how the capture
    /// went, and, when there is an engine, its counters (its saturations if it ran in fixed point,
    /// or if anything saturated) and its bytes. One function, not one per caller.
    func report(_ counters: EngineCounters? = nil, engineBytes: Int = 0) {
        if let endedEarly {
            printToStandardError(capture.isLive
                ? "kitsune-lite: error: capture on '" + capture.path + "' failed after " + describe(packets)
                    + " packets (" + endedEarly + ")"
                : "kitsune-lite: warning: capture '" + capture.path + "' ends early after " + describe(packets)
                    + " packets (" + endedEarly + "); the results cover those packets")
        }
        let seconds = ks_monotonic_seconds() - started
        var line = TextBuffer()
        line.append("kitsune-lite: summary: packets=")
        line.append(decimal: packets)
        line.append(" seconds=")
        line.append(fixed: seconds, decimals: 3)
        line.append(" packets_per_second=")
        line.append(fixed: seconds > 0 ? Double(packets) / seconds : 0, decimals: 0)
        if featureSeconds > 0 || kitNETSeconds > 0 {
            line.append(" feature_seconds=")
            line.append(fixed: featureSeconds, decimals: 3)
            line.append(" kitnet_seconds=")
            line.append(fixed: kitNETSeconds, decimals: 3)
        }
        if let counters { appendEngineFields(counters, engineBytes: engineBytes, to: &line) }
        capture.appendDropStatistics(to: &line, interface: true)
        line.append(" peak_rss_kib=")
        line.append(decimal: ks_peak_resident_kib())
        printToStandardError(String(decoding: line.bytes, as: UTF8.self))
    }

    func appendEngineFields(_ counters: EngineCounters, engineBytes: Int, to line: inout TextBuffer) {
        let statistics = counters.parse
        line.append(" parse_failures=")
        line.append(decimal: statistics.failures)
        line.append(" truncated=")
        line.append(decimal: statistics.truncated)
        line.append(" malformed=")
        line.append(decimal: statistics.malformed)
        line.append(" unsupported_link=")
        line.append(decimal: statistics.unsupportedLink)
        let tables = counters.evictions
        let evictions: [(StaticString, Int64)] = [
            ("evicted_mac_host_streams=", tables.macHostStreams),
            ("evicted_host_streams=", tables.hostStreams),
            ("evicted_jitter_streams=", tables.jitterStreams),
            ("evicted_socket_streams=", tables.socketStreams),
            ("evicted_target_streams=", tables.targetStreams),
            ("evicted_host_trackers=", tables.hostTrackers),
            ("evicted_socket_trackers=", tables.socketTrackers),
            ("replaced_trackers=", tables.replacedTrackers),
        ]
        line.append(" evictions=")
        line.append(decimal: tables.total)
        for (key, count) in evictions {
            line.append(byte: UInt8(ascii: " "))
            line.append(key)
            line.append(decimal: count)
        }
        line.append(" engine_kib=")
        line.append(decimal: engineBytes / 1024)
        if counters.saturations.total > 0 || counters.limitedInputs > 0 || counters.arithmeticSaturates {
            appendSaturations(counters.saturations, limitedInputs: counters.limitedInputs, to: &line)
        }
    }

    /// The fixed-point engine's saturation events by kind (docs/fixed-point.md): an overflow
    /// shows here, never silently.
    func appendSaturations(_ counts: SaturationCounts, limitedInputs: Int64, to line: inout TextBuffer) {
        let names: [(SaturationKind, StaticString)] = [
            (.addition, " saturated_additions="), (.multiplication, " saturated_products="),
            (.division, " saturated_quotients="), (.conversion, " saturated_conversions="),
            (.function, " saturated_functions="),
        ]
        for (kind, key) in names {
            line.append(key)
            line.append(decimal: counts[kind])
        }
        line.append(" limited_inputs=")
        line.append(decimal: limitedInputs)
    }
}

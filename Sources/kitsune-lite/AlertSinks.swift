import CSupport
import KitsuneEmbedded

/// Where alerts go: JSON lines in the shape of Suricata's EVE `alert` events, and syslog.
struct AlertSinks {
    var eve: OutputFile?
    var syslog: Bool
    var remote: RemoteSyslog? = nil

    func deliver(_ event: AlertEvent) {
        var line = TextBuffer(capacity: 512)
        switch event {
        case .alert(let alert):
            if let eve {
                appendEVE(alert, to: &line)
                eve.write(&line)
                eve.flushBuffer()
            }
            if syslog {
                appendMessage(alert, to: &line)
                send(alert.severity, &line)
            }
            remote?.send(severity: alert.severity, time: alert.firstTime, messageID: "anomaly",
                         structuredData: { appendStructuredData(alert, to: &$0) },
                         message: { appendMessage(alert, to: &$0) })
        case .suppressed(let count):
            remote?.send(severity: 4, time: 0, messageID: "suppressed",
                         structuredData: { line in
                             line.append("[kitsune@32473 suppressed=\"")
                             line.append(decimal: count)
                             line.append("\"]")
                         },
                         message: { line in
                             line.append("suppressed ")
                             line.append(decimal: count)
                             line.append(" alerts (rate limit)")
                         })
            if syslog {
                line.append("suppressed ")
                line.append(decimal: count)
                line.append(" alerts (rate limit)")
                send(4, &line)
            }
            if let eve {
                line.removeAll()
                line.append("{\"event_type\":\"stats\",\"kitsune\":{\"suppressed_alerts\":")
                line.append(decimal: count)
                line.append("}}\n")
                eve.write(&line)
                eve.flushBuffer()
            }
        }
    }

    func send(_ severity: Int32, _ line: inout TextBuffer) {
        line.append(byte: 0)
        line.bytes.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { ks_syslog(severity, $0.baseAddress) }
        }
        line.removeAll()
    }

    /// "anomaly: score 0.52 over 0.17: TCP 10.0.0.66:40000 -> 10.0.0.10:80, 1234 packets in 3.2 s"
    func appendMessage(_ alert: Alert, to line: inout TextBuffer) {
        line.append("anomaly: score ")
        line.append(general: alert.peakScore, digits: 4)
        line.append(" over ")
        line.append(general: alert.threshold, digits: 4)
        line.append(": ")
        line.append(alert.record.transport.name)
        line.append(" ")
        appendEndpoint(alert.record.sourceAddress, alert.record.sourcePort, to: &line)
        line.append(" -> ")
        appendEndpoint(alert.record.destinationAddress, alert.record.destinationPort, to: &line)
        line.append(", ")
        line.append(decimal: alert.packets)
        line.append(alert.packets == 1 ? " packet" : " packets in ")
        if alert.packets > 1 {
            line.append(fixed: Double(alert.lastTime - alert.firstTime) * 1e-9, decimals: 1)
            line.append(" s")
        }
    }

    /// RFC 5424 structured data: `[kitsune@32473 src="…" sport="…" dst="…" dport="…" proto="…"
    /// score="…" threshold="…" packets="…"]` (values are addresses and numbers: nothing to escape).
    func appendStructuredData(_ alert: Alert, to line: inout TextBuffer) {
        let record = alert.record
        line.append("[kitsune@32473 src=\"")
        line.append(address: record.sourceAddress)
        line.append("\"")
        if let port = record.sourcePort.port {
            line.append(" sport=\"")
            line.append(unsigned: UInt64(port))
            line.append("\"")
        }
        line.append(" dst=\"")
        line.append(address: record.destinationAddress)
        line.append("\"")
        if let port = record.destinationPort.port {
            line.append(" dport=\"")
            line.append(unsigned: UInt64(port))
            line.append("\"")
        }
        line.append(" proto=\"")
        line.append(record.transport.name)
        line.append("\" score=\"")
        line.append(general: alert.peakScore, digits: 6)
        line.append("\" threshold=\"")
        line.append(general: alert.threshold, digits: 6)
        line.append("\" packets=\"")
        line.append(decimal: alert.packets)
        line.append("\"]")
    }

    func appendEndpoint(_ address: NetworkAddress, _ port: PortField, to line: inout TextBuffer) {
        if address.family == .ipv6 { line.append("[") }
        line.append(address: address)
        if address.family == .ipv6 { line.append("]") }
        if let number = port.port {
            line.append(":")
            line.append(unsigned: UInt64(number))
        }
    }

    func appendEVE(_ alert: Alert, to line: inout TextBuffer) {
        let record = alert.record
        line.append("{\"timestamp\":\"")
        line.append(utc: alert.firstTime)
        line.append("\",\"event_type\":\"alert\",\"src_ip\":\"")
        line.append(address: record.sourceAddress)
        line.append("\"")
        if let port = record.sourcePort.port {
            line.append(",\"src_port\":")
            line.append(unsigned: UInt64(port))
        }
        line.append(",\"dest_ip\":\"")
        line.append(address: record.destinationAddress)
        line.append("\"")
        if let port = record.destinationPort.port {
            line.append(",\"dest_port\":")
            line.append(unsigned: UInt64(port))
        }
        line.append(",\"proto\":\"")
        line.append(record.transport.name)
        line.append("\",\"alert\":{\"action\":\"allowed\",\"signature_id\":1,\"signature\":\"kitsune-lite anomaly\",")
        line.append("\"category\":\"Anomalous traffic\",\"severity\":")
        line.append(decimal: Int(alert.severity) - 2)
        line.append("},\"anomaly\":{\"score\":")
        line.append(general: alert.peakScore, digits: 9)
        line.append(",\"threshold\":")
        line.append(general: alert.threshold, digits: 9)
        line.append(",\"packets\":")
        line.append(decimal: alert.packets)
        line.append(",\"last_timestamp\":\"")
        line.append(utc: alert.lastTime)
        line.append("\"}}\n")
    }
}

extension TextBuffer {
    /// A UTC time with microseconds; `suffix` "+0000" as Suricata writes it, "Z" for RFC 3339.
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

import Foundation
import Testing

/// Alerts to a real syslog daemon: rsyslog (installed by .ci/run) listens on a loopback UDP port
/// and writes what it receives in RFC 5424 form; the test parses those lines.
struct RemoteSyslogTests {
    struct Message {
        var priority: Int
        var appName: String
        var messageID: String
        var fields: [String: String]
        var text: String
    }

    /// `<PRI>1 TIMESTAMP HOST APP PROCID MSGID [ID k="v" ...] MSG`
    static func parse(_ line: Substring) -> Message? {
        guard line.hasPrefix("<"), let close = line.firstIndex(of: ">"),
              let priority = Int(line[line.index(after: line.startIndex)..<close]) else { return nil }
        let rest = line[line.index(after: close)...]
        let parts = rest.split(separator: " ", maxSplits: 6, omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0] == "1", let open = parts[6].firstIndex(of: "["),
              let end = parts[6].firstIndex(of: "]") else { return nil }
        // SD-ID, then PARAM-NAME="PARAM-VALUE" pairs (values may hold spaces).
        var fields: [String: String] = [:]
        var parameters = parts[6][parts[6].index(after: open)..<end].drop { $0 != " " }
        while let equals = parameters.firstIndex(of: "=") {
            let name = parameters[..<equals].trimmingCharacters(in: CharacterSet.whitespaces)
            let valueStart = parameters.index(after: equals)
            guard valueStart < parameters.endIndex, parameters[valueStart] == "\"" else { return nil }
            let afterQuote = parameters.index(after: valueStart)
            guard let closing = parameters[afterQuote...].firstIndex(of: "\"") else { return nil }
            fields[name] = String(parameters[afterQuote..<closing])
            parameters = parameters[parameters.index(after: closing)...]
        }
        return Message(priority: priority, appName: String(parts[3]), messageID: String(parts[5]), fields: fields,
                       text: String(parts[6][parts[6].index(after: end)...]).trimmingCharacters(in: .whitespaces))
    }

    /// Whether the loopback interface has ::1 (it has not where IPv6 is disabled).
    static let loopbackHasIPv6 =
        (try? String(contentsOfFile: "/proc/net/if_inet6", encoding: .utf8))?.contains(" lo\n") == true

    @Test func alertsReachARealSyslogDaemonAsRFC5424() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let port = 20_000 + Int(getpid()) % 20_000
        let received = directory.file("received.log")
        let configuration = directory.file("rsyslog.conf")
        try """
            global(workDirectory="\(directory.url.path)")
            module(load="imudp")
            input(type="imudp" address="127.0.0.1" port="\(port)")
            \(Self.loopbackHasIPv6 ? "input(type=\"imudp\" address=\"::1\" port=\"\(port)\")" : "")
            *.* action(type="omfile" file="\(received.path)" template="RSYSLOG_SyslogProtocol23Format")
            """.write(to: configuration, atomically: true, encoding: .utf8)
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: "/usr/sbin/rsyslogd")
        daemon.arguments = ["-n", "-f", configuration.path, "-i", directory.file("rsyslogd.pid").path]
        daemon.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try daemon.run()
        defer {
            // SIGKILL: Foundation starts children with SIGTERM blocked, and rsyslogd keeps it so.
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
        }
        Thread.sleep(forTimeInterval: 1)

        let model = try ModelAndAlertTests.trainedModel(in: directory)
        let run = try runKitsune(["detect", try Locations.devPcap().path, "--model", model.path,
                                  "--syslog-server", "127.0.0.1:\(port)", "--syslog-facility", "local3"])
        try #require(run.exitedNormally && run.status == 0, "\(run)")
        var lines: [Substring] = []
        for _ in 0..<50 {
            Thread.sleep(forTimeInterval: 0.1)
            lines = (try? String(contentsOf: received, encoding: .utf8))?.split(separator: "\n") ?? []
            if lines.contains(where: { $0.contains("incident 5 closed") }) { break }
        }
        let messages = lines.compactMap(Self.parse)
        #expect(messages.count == lines.count && !messages.isEmpty, "unparsable: \(lines.prefix(3))")
        #expect(messages.count < 100, "\(messages.count) reports: a flood must not become a storm")
        for message in messages {
            #expect(message.priority / 8 == 19 && (3...5).contains(message.priority % 8), "priority \(message.priority)")
            #expect(message.appName == "kitsune-lite" && message.messageID == "incident")
            let peak = Double(message.fields["peak"] ?? "") ?? 0, threshold = Double(message.fields["threshold"] ?? "") ?? 1
            #expect(peak > threshold && message.fields["src"] != nil && message.fields["dst"] != nil
                    && message.fields["incident"] != nil && message.fields["state"] != nil
                    && message.text.hasPrefix("incident " + (message.fields["incident"] ?? "?") + " "))
        }
        // The SYN flood's 12,000 anomalous packets are one incident: opened, then closed.
        let flood = messages.filter { $0.fields["src"] == "10.200.0.66" && $0.fields["dst"] == "10.200.0.10"
            && (Int($0.fields["packets"] ?? "") ?? 0) > 10_000 }
        print("[kitsune-lite tests] syslog: \(messages.count) messages; the SYN flood: \(flood.count) reports")
        #expect(flood.count == 1 && flood.first?.fields["state"] == "closed", "flood reports: \(flood.map(\.text))")
        // The structured data carries what EVE's anomaly object does.
        for message in messages {
            for key in ["sources", "top_sources", "targets", "top_targets", "ports", "packets", "after_effect", "first",
                        "last", "mean", "severity", "held_back", "family", "window", "share", "behaviour"] {
                #expect(message.fields[key] != nil, "\(key) missing: \(message.text)")
            }
        }
        if let closed = flood.first {
            let severity = Double(closed.fields["severity"] ?? "") ?? 0
            let peak = Double(closed.fields["peak"] ?? "") ?? 0, threshold = Double(closed.fields["threshold"] ?? "") ?? 1
            #expect(closed.fields["top_targets"]?.hasPrefix("10.200.0.10") == true && abs(severity - peak / threshold) < 0.01 * severity,
                    "\(closed.fields)")
        }

        // Every way a user may write the collector is taken, IPv6 with or without brackets, and
        // with a port the alerts arrive there; a target that is no address is a one-line error.
        let sample = Locations.repoRoot.appendingPathComponent("Samples/lan-scan-and-flood.pcapng")
        func detect(_ target: String) throws -> ProcessResult {
            try runKitsune(["detect", sample.path, "--model", model.path, "--syslog-server", target])
        }
        var delivered = ["localhost:\(port)"], accepted = ["localhost", "127.0.0.1"]
        if Self.loopbackHasIPv6 {
            delivered += ["[::1]:\(port)"]
            accepted += ["::1", "[::1]", "0:0:0:0:0:0:0:1"]
        } else {
            print("[kitsune-lite tests] syslog: lo has no ::1 here, so IPv6 collectors were not tried")
        }
        for target in delivered {
            let before = try String(contentsOf: received, encoding: .utf8).split(separator: "\n").count
            let run = try detect(target)
            try #require(run.exitedNormally && run.status == 0, "--syslog-server \(target): \(run)")
            var after = before
            for _ in 0..<50 where after == before {
                Thread.sleep(forTimeInterval: 0.1)
                after = try String(contentsOf: received, encoding: .utf8).split(separator: "\n").count
            }
            #expect(after > before, "--syslog-server \(target): no report arrived")
        }
        for target in accepted {
            let run = try detect(target)
            #expect(run.exitedNormally && run.status == 0, "--syslog-server \(target): \(run)")
        }
        for (target, reason) in [("[::1", "needs HOST"), ("127.0.0.1:", "needs HOST"), ("[::1]:", "needs HOST"),
                                 (":514", "needs HOST"), ("localhost:0", "needs HOST"), ("[::1]x", "needs HOST"),
                                 ("localhost:70000", "needs HOST"), ("no-such-host.invalid:514", "cannot reach")] {
            let run = try detect(target)
            #expect(run.status == 2 && run.stderrLines.count == 1 && run.stderrText.contains(reason),
                    "--syslog-server \(target): \(run)")
        }
    }
}

import CSupport

/// `--status FILE`: the state of a running `train` or `detect` in one line of `key=value`
/// words (`state=learning learned=12000 of=65001 ...`, `state=detecting packets=...`), for the
/// OpenWrt service's `status` and anyone who wants to know without a signal. The file is
/// replaced whole (written beside it and renamed), so a reader never sees half a line; it is
/// written at the start, every few seconds while running, and once more at the end.
struct StatusFile {
    let path: String
    private var nextWrite = 0.0
    /// A failure is said once (a full /tmp, a directory the dropped user may not write in);
    /// the run goes on, since the status only describes it.
    private var warned = false
    static let intervalSeconds = 5.0

    init?(_ arguments: CommandLineArguments) {
        guard let path = arguments.value("--status") else { return nil }
        self.path = path
    }

    /// Whether a line is due: the clock is read on every 1024th packet only (`packets`), and
    /// whenever the capture is idle (pass 0).
    mutating func isDue(packets: Int64) -> Bool {
        guard packets & 0x3FF == 0 else { return false }
        let now = ks_monotonic_seconds()
        guard now >= nextWrite else { return false }
        nextWrite = now + Self.intervalSeconds
        return true
    }

    mutating func write(_ line: inout TextBuffer) {
        line.append(byte: UInt8(ascii: "\n"))
        do {
            let file = try OutputFile(path: path)
            file.write(&line)
            try file.commit()
        } catch {
            line.removeAll()
            if !warned { printToStandardError("kitsune-lite: warning: the status file: " + error.message) }
            warned = true
        }
    }

    /// train's line after `state` (`state=learning`): ` learned=N of=M [seconds=S of_seconds=T] ...`,
    /// durations in nanoseconds (`limit`: Int64.max for none).
    @inline(never)
    static func learningLine(_ state: StaticString, learned: Int64, of total: Int64, seconds: Int64, limit: Int64,
                             parseFailures: Int64, _ capture: CaptureFile) -> TextBuffer {
        var line = TextBuffer()
        line.append(state)
        line.append(" learned=")
        line.append(decimal: learned)
        line.append(" of=")
        line.append(decimal: total)
        if limit != Int64.max {
            line.append(" seconds=")
            line.append(decimal: seconds / 1_000_000_000)
            line.append(" of_seconds=")
            line.append(decimal: limit / 1_000_000_000)
        }
        line.append(" parse_failures=")
        line.append(decimal: parseFailures)
        capture.appendDropStatistics(to: &line)
        return line
    }
}

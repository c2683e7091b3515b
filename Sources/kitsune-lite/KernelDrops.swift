import CSupport

/// The packets the kernel dropped on a live capture, said in the log as it happens. The kernel
/// drops when the program falls behind by more than its buffer holds (`--capture-buffer`): a
/// burst before overload sampling (`ScoringSample`) widens, a fixed `--score-every`, a rate
/// beyond what the statistics alone can take. A dropped packet is missing from the statistics
/// as well as unscored, so an attack among the drops can go unseen (`detect`), and a model
/// learns a quieter network than the one it will watch (`train`): the router's owner reads here
/// that the detector was blind, and for how many packets. The first drops are said at once,
/// later ones at most once a minute, each time those since the last, and the rest at the end.
struct KernelDrops {
    /// The kernel's count when it was last said.
    private var said: UInt32 = 0
    /// When it was last said (the monotonic clock: a router's wall clock may step back when NTP
    /// first sets it), if ever.
    private var saidAt: Double? = nil
    static let intervalSeconds = 60.0

    /// The warning to give now for the kernel's count of drops so far (nil when it cannot be
    /// read), or nil; `final` at the end of the run, whatever the time. `consequence` says what
    /// the drops mean for the command.
    mutating func warning(dropped: UInt32?, final: Bool = false, consequence: StaticString) -> String? {
        guard let dropped else { return nil }
        // libpcap's counts are 32 bits and wrap: a difference, not a comparison.
        let newly = dropped &- said
        guard newly != 0 else { return nil }
        let now = ks_monotonic_seconds()
        if !final, let saidAt, now - saidAt < Self.intervalSeconds { return nil }
        var line = TextBuffer()
        line.append("overloaded: the kernel dropped ")
        line.append(grouped: Int64(newly))
        line.append(saidAt == nil ? " packet" : " more packet")
        if newly != 1 { line.append("s") }
        if saidAt != nil {
            line.append(" (")
            line.append(grouped: Int64(dropped))
            line.append(" in all)")
        }
        line.append(": ")
        line.append(consequence)
        said = dropped
        saidAt = now
        return String(decoding: line.bytes, as: UTF8.self)
    }
}

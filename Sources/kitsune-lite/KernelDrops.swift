/// The packets the kernel dropped on a live capture, said in the log as it happens: a dropped
/// packet is missing from the statistics as well as unscored, so an attack among the drops can
/// go unseen (`detect`), and a model learns a quieter network than the one it will watch
/// (`train`). Overload sampling (`ScoringSample`) keeps the statistics whole up to what they
/// alone can take; beyond it, the router's owner reads here that the detector was blind, and
/// for how many packets. The first drops are said at once, later ones at most once a minute,
/// each time those since the last.
struct KernelDrops {
    /// The kernel's count when it was last said.
    private var said: UInt32 = 0
    /// When it was last said (the wall clock, nanoseconds), if ever.
    private var saidAt: Int64? = nil
    static let intervalNanoseconds: Int64 = 60_000_000_000

    /// The warning to give at `now` for the kernel's count of drops so far, or nil; `consequence`
    /// says what the drops mean for the command.
    mutating func warning(dropped: UInt32, at now: Int64, consequence: StaticString) -> String? {
        // libpcap's counts are 32 bits and wrap: a difference, not a comparison.
        let newly = dropped &- said
        guard newly != 0 else { return nil }
        if let saidAt, now - saidAt < Self.intervalNanoseconds { return nil }
        var line = TextBuffer()
        line.append("overloaded: the kernel dropped ")
        line.append(grouped: Int64(newly))
        if saidAt == nil {
            line.append(" packets")
        } else {
            line.append(" more packets (")
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

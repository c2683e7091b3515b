import KitsuneEmbedded

/// One alert: the packets between a source and a destination that scored above the threshold
/// within one window, merged.
struct Alert {
    /// The first packet's record (addresses, ports, protocol, time).
    var record: PacketRecord
    var firstTime: Int64
    var lastTime: Int64
    var packets: Int64
    var peakScore: Double
    var threshold: Double

    /// How serious, from how far the peak exceeds the threshold: syslog severities
    /// notice (below 2x), warning (below 10x), error.
    var severity: Int32 {
        peakScore < 2 * threshold ? 5 : (peakScore < 10 * threshold ? 4 : 3)
    }
}

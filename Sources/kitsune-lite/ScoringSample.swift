/// Which packets KitNET scores when `detect` cannot score them all: one in `every`. The others
/// still update the statistics (the cheap part), so no traffic is missing from them when an
/// attack floods the link, and the next scored packet's features are exact.
///
/// `--score-every N` fixes the share. Otherwise, on a live capture, it follows the backlog:
/// with libpcap in immediate mode a packet's capture time trails the clock by about the time
/// its predecessors wait in the kernel's buffer, so that lag, and any drop the kernel counts,
/// say the detector falls behind (the share halves), and a short lag that it keeps up again (it
/// doubles, back to every packet).
struct ScoringSample {
    private(set) var every: Int64
    let adapts: Bool
    private var countdown: Int64 = 1
    private var lastDrops: UInt32 = 0
    /// Under overload at least one packet in 64 is scored.
    static let sparsest: Int64 = 64
    /// The lags that halve the share (behind) and double it (caught up).
    static let behindNanoseconds: Int64 = 20_000_000
    static let caughtUpNanoseconds: Int64 = 5_000_000

    init(fixed: Int64?, live: Bool) {
        every = fixed ?? 1
        adapts = fixed == nil && live
    }

    /// Whether the next packet is scored.
    @inline(__always)
    mutating func scoresNext() -> Bool {
        guard every > 1 else { return true }
        countdown -= 1
        guard countdown <= 0 else { return false }
        countdown = every
        return true
    }

    /// A live capture's state, on every 1024th packet: `lag`, the clock minus the packet's
    /// capture time; `drops`, the kernel's count so far. (Quartering the share on every 256th
    /// packet instead dropped no fewer packets in scripts/overload.sh.)
    mutating func adapt(lag: Int64, drops: UInt32) {
        if drops != lastDrops || lag > Self.behindNanoseconds {
            every = min(every * 2, Self.sparsest)
        } else if lag < Self.caughtUpNanoseconds && every > 1 {
            every /= 2
        }
        lastDrops = drops
        countdown = min(countdown, every)
    }
}

/// The instants the engine works in: nanoseconds since the epoch, limited to `range`.
///
/// A capture says what time it is, and a crafted one can say anything: pcapng's 64-bit ticks
/// reach 2^64 nanoseconds and more, past what an `Int64` holds. Every instant that enters the
/// engine (a packet's time, the clock of `tick` and `finishIncidents`) is first limited to
/// `range`, so that the difference of any two instants, and an instant plus any duration the
/// engine is configured with (at most `longestDuration`), fits an `Int64`: time arithmetic
/// inside the engine can then never overflow. The range runs from the epoch to 2116; an
/// instant outside it is taken as its nearest end (a capture from before 1970 or after 2116
/// is not one a router records).
public enum PacketTime {
    /// The latest instant: 2^62 - 1 ns after the epoch (2116-02-20).
    public static let latest: Int64 = (1 << 62) - 1
    /// Instants before the epoch are taken as the epoch.
    public static let earliest: Int64 = 0
    /// The longest duration a setting may give (2^60 ns, 36 years): an instant plus a duration
    /// stays below `Int64.max`.
    public static let longestDuration: Int64 = 1 << 60

    /// `nanoseconds` limited to the range.
    @inlinable @inline(__always)
    public static func limited(_ nanoseconds: Int64) -> Int64 {
        nanoseconds < earliest ? earliest : (nanoseconds > latest ? latest : nanoseconds)
    }

    /// `seconds` as a duration in nanoseconds, limited to 0 ... `longestDuration` (NaN gives 0):
    /// a setting converted once, which a large or negative value cannot make trap.
    @inlinable
    public static func duration(seconds: Double) -> Int64 {
        let nanoseconds = seconds * 1e9
        guard nanoseconds > 0 else { return 0 }
        return nanoseconds >= Double(longestDuration) ? longestDuration : Int64(nanoseconds)
    }
}

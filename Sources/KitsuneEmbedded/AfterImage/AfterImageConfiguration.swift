/// The sizes and decay rates of AfterImage, fixed when it is built.
public struct AfterImageConfiguration: Sendable {
    /// Decay rates λ per second; a stream's weight halves every 1/λ seconds.
    public var lambdas: [Double] = [5, 3, 1, 0.1, 0.01]
    /// The families of the feature vector (`FeatureSet.standard` unless set).
    public var featureSet = FeatureSet.standard
    // The default capacities hold a small office LAN with room to spare: the development
    // capture (a LAN with an nmap scan in it) needs 25 MAC-host, 25 host, 48 jitter and 6,429
    // socket streams, 35 host and 9,407 socket trackers. In float32 mode they take about 14 MB.
    // A full table evicts its weakest entry, so more traffic costs detail, not memory.

    /// Streams keyed by MAC and source host (the MI group).
    public var macHostStreams = 4_096
    /// Streams keyed by host (the HH group).
    public var hostStreams = 4_096
    /// Streams keyed by source and destination host (the jitter group).
    public var jitterStreams = 8_192
    /// Streams keyed by host and port (the HpHp group).
    public var socketStreams = 16_384
    /// Streams keyed by the receiving host (the target's side; the extended feature set only).
    public var targetStreams = 4_096
    /// 2D trackers between hosts.
    public var hostTrackers = 4_096
    /// 2D trackers between sockets.
    public var socketTrackers = 16_384
    /// The most trackers one stream links. A scanner or a gateway links a tracker to every
    /// peer, and the reference updates all of them for each of its packets; beyond this limit
    /// a new link replaces the stream's weakest one, so a packet's cost stays bounded.
    public var trackersPerStream = 64
    /// A stream or tracker whose weight, decayed at the slowest λ, has fallen below this is
    /// dead: its slot is reused first when a table is full.
    public var deadWeight = 0.01

    @inlinable public init() {}

    /// The largest capacity of any table.
    @inlinable public static var largestCapacity: Int { 1 << 24 }

    /// Which feature column is which.
    @inlinable public var layout: FeatureLayout { FeatureLayout(lambdas: lambdas, featureSet: featureSet) }

    /// Features per packet (`layout`'s).
    @inlinable public var featureCount: Int { layout.featureCount }

    /// The first thing wrong with this configuration, or nil.
    @inlinable public var problem: StaticString? {
        if lambdas.isEmpty { return "at least one decay rate is needed" }
        for lambda in lambdas where !(lambda > 0) { return "decay rates must be positive" }
        if macHostStreams < 1 || jitterStreams < 1 || targetStreams < 1 { return "a stream table needs at least 1 entry" }
        // A 2D group holds the sender and its partner at once.
        if hostStreams < 2 || socketStreams < 2 { return "a host or socket table needs at least 2 entries" }
        if hostTrackers < 1 || socketTrackers < 1 { return "a tracker pool needs at least 1 entry" }
        if trackersPerStream < 1 { return "--trackers-per-stream must be at least 1" }
        // Slots are Int32; a quarter of a billion entries is far beyond any router's memory.
        for capacity in [macHostStreams, hostStreams, jitterStreams, socketStreams, targetStreams, hostTrackers,
                         socketTrackers, trackersPerStream] where capacity > Self.largestCapacity {
            return "a table size is over the largest, 16777216"
        }
        if !(deadWeight >= 0) { return "the dead-stream weight cannot be negative" }
        return nil
    }
}

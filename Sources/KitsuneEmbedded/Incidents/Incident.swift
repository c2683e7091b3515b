/// One incident in the tracker's table: plain values, carved from the arena with the table.
@usableFromInline
struct Incident {
    /// From 1; 0 marks a free slot.
    @usableFromInline var id: Int64 = 0
    @usableFromInline var isOpen = false
    /// The host whose traffic drives it; for many sources, the target they all send to.
    @usableFromInline var actor = HostIdentity.none
    /// Many sources to one target (a spoofed or distributed flood): `actor` is then the target,
    /// and the list of targets, `targetBits` and `portBits` hold its sources and its ports.
    @usableFromInline var isManySources = false
    /// For many sources: the MAC they all came through (the router's, or one device's), absent
    /// once two differ.
    @usableFromInline var sourceMAC = MACAddress.absent
    /// For many sources: its anomalous packets whose source was new to the target. The distinct
    /// count saturates near 1,400; a spoofed flood's sources are each new, and this counts on.
    @usableFromInline var newSources: Int64 = 0
    @usableFromInline var firstTime: Int64 = 0
    /// The last anomalous packet of the actor or its targets' answers.
    @usableFromInline var lastTime: Int64 = 0
    @usableFromInline var packets: Int64 = 0
    @usableFromInline var afterEffects: Int64 = 0
    @usableFromInline var peakScore = 0.0
    @usableFromInline var scoreSum = 0.0
    @usableFromInline var threshold = 0.0
    /// Distinct targets and target ports, counted in 256-bit maps (linear counting).
    @usableFromInline var targetBits = DistinctCount()
    @usableFromInline var portBits = DistinctCount()
    /// Reports: whether the opening and the closing went out, when the last one did and how many
    /// packets it had, and the reports the rate limit held back.
    @usableFromInline var openReported = false
    @usableFromInline var closeReported = false
    @usableFromInline var lastReportTime: Int64 = 0
    @usableFromInline var packetsAtLastReport: Int64 = 0
    @usableFromInline var heldBack: Int64 = 0
    /// Whether the report due now has been counted as held back already.
    @usableFromInline var heldBackCounted = false
    @usableFromInline var explanation = Explanation()
    /// When the explanation was last computed (0: never).
    @usableFromInline var lastExplained: Int64 = 0

    @inlinable init() {}
}

/// One of an incident's targets, with its anomalous packets.
@usableFromInline
struct IncidentTarget {
    @usableFromInline var host = HostIdentity.none
    @usableFromInline var packets: Int64 = 0

    @inlinable init() {}
}

/// An actor whose anomalous packets have not yet made an incident.
@usableFromInline
struct IncidentCandidate {
    @usableFromInline var host = HostIdentity.none
    @usableFromInline var packets = 0
    @usableFromInline var firstTime: Int64 = 0
    @usableFromInline var lastTime: Int64 = 0
    @usableFromInline var peakScore = 0.0
    @usableFromInline var scoreSum = 0.0
    @usableFromInline var target = HostIdentity.none

    @inlinable init() {}
}

/// A target receiving anomalous packets from sources none of which has shown enough on its own.
@usableFromInline
struct TargetCandidate {
    @usableFromInline var host = HostIdentity.none
    @usableFromInline var packets = 0
    @usableFromInline var sources = DistinctCount()
    /// Sources among them that opened incidents of their own (not to be counted twice).
    @usableFromInline var claimed = 0
    @usableFromInline var firstTime: Int64 = 0
    @usableFromInline var lastTime: Int64 = 0
    @usableFromInline var peakScore = 0.0
    @usableFromInline var scoreSum = 0.0

    @inlinable init() {}
}

/// A count of distinct values in 256 bits: exact while few, estimated beyond (linear counting,
/// n ≈ -256 ln(empty bits / 256), within a few percent up to several hundred).
@usableFromInline
struct DistinctCount {
    @usableFromInline var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    @inlinable init() {}

    @inlinable
    mutating func insert(_ hash: UInt64) {
        let bit = UInt64(1) << (hash & 63)
        switch (hash >> 6) & 3 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    var estimate: Int {
        let set = words.0.nonzeroBitCount + words.1.nonzeroBitCount + words.2.nonzeroBitCount + words.3.nonzeroBitCount
        if set < 16 { return set }  // collisions are rare this far below 256
        let empty = max(256 - set, 1)
        return Int((-256 * c_log(Double(empty) / 256)).rounded())
    }
}

@_extern(c, "log")
func c_log(_ x: Double) -> Double

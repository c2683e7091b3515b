/// How far a frame could be read. Anything but `complete` is counted as a parse failure in the
/// run summary; the record still holds every field read before the problem.
public enum ParseOutcome: UInt8 {
    /// Every header the parser looks at was present and valid.
    case complete = 0
    /// The capture ended inside a header the parser needed (beyond a snap length, for example).
    case truncated
    /// A header held an impossible value (an IPv4 header length below 20, a wrong IP version).
    case malformed
    /// The capture's link type is not one the parser reads; only time and length are known.
    case unsupportedLink
}

/// A parsed frame: its record and how complete it is.
public struct ParsedPacket {
    public var record: PacketRecord
    public var outcome: ParseOutcome
}

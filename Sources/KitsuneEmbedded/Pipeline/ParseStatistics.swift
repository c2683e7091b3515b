/// How many packets the parser could not read completely, by reason.
public struct ParseStatistics: Sendable {
    public var truncated: Int64 = 0
    public var malformed: Int64 = 0
    public var unsupportedLink: Int64 = 0

    @inlinable public init() {}

    @inlinable public var failures: Int64 { truncated + malformed + unsupportedLink }

    @inlinable mutating func count(_ outcome: ParseOutcome) {
        switch outcome {
        case .complete: break
        case .truncated: truncated += 1
        case .malformed: malformed += 1
        case .unsupportedLink: unsupportedLink += 1
        }
    }
}

/// What the reference puts in a "port" slot of a stream key: a TCP or UDP port, the markers
/// `arp` and `icmp`, nothing, or (**quirk**) the concatenation of a TCP and a UDP port when a
/// frame carries both, because the reference concatenates the two tshark columns.
public struct PortField: Equatable, Hashable, Sendable {
    public enum Kind: UInt8, Sendable {
        case none = 0, number = 1, arp = 2, icmp = 3, tcpThenUDP = 4
    }

    public var kind: Kind
    /// `number`: the port. `tcpThenUDP`: the TCP port in the high 16 bits, the UDP port low.
    public var value: UInt32

    public init(kind: Kind, value: UInt32) {
        self.kind = kind
        self.value = value
    }

    public static let none = PortField(kind: .none, value: 0)
    public static let arp = PortField(kind: .arp, value: 0)
    public static let icmp = PortField(kind: .icmp, value: 0)

    public static func number(_ port: UInt16) -> PortField {
        PortField(kind: .number, value: UInt32(port))
    }

    public var isPresent: Bool { kind != .none }

    /// The port number when there is exactly one, for alerts.
    public var port: UInt16? { kind == .number ? UInt16(truncatingIfNeeded: value) : nil }
}

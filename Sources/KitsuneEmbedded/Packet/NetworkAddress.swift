/// A host address as Kitsune keys streams by it: IPv4, IPv6, or (for frames without IP) a MAC
/// address standing in for one, as the reference does. `none` is the reference's empty string.
public struct NetworkAddress: Equatable, Hashable, Sendable {
    public enum Family: UInt8, Sendable {
        case none = 0, ipv4 = 1, ipv6 = 2, mac = 3
    }

    public var family: Family
    /// IPv6: the first 8 octets, big-endian. IPv4 and MAC: 0.
    public var high: UInt64
    /// IPv6: the last 8 octets. IPv4: the 4 octets. MAC: the 6 octets.
    public var low: UInt64

    public init(family: Family, high: UInt64, low: UInt64) {
        self.family = family
        self.high = high
        self.low = low
    }

    public static let none = NetworkAddress(family: .none, high: 0, low: 0)

    public var isPresent: Bool { family != .none }

    public static func ipv4(_ value: UInt32) -> NetworkAddress {
        NetworkAddress(family: .ipv4, high: 0, low: UInt64(value))
    }

    public static func mac(_ address: MACAddress) -> NetworkAddress {
        address.isPresent ? NetworkAddress(family: .mac, high: 0, low: address.rawValue) : .none
    }
}

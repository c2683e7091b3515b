/// The outermost protocol a frame carries, as an alert names it (Suricata's `proto`).
public enum TransportProtocol: UInt8 {
    case other = 0, tcp, udp, icmp, icmpv6, arp, ip

    public var name: StaticString {
        switch self {
        case .other: return "OTHER"
        case .tcp: return "TCP"
        case .udp: return "UDP"
        case .icmp: return "ICMP"
        case .icmpv6: return "IPv6-ICMP"
        case .arp: return "ARP"
        case .ip: return "IP"
        }
    }
}

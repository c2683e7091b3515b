/// The link-layer header types the parser understands (libpcap `LINKTYPE_` values).
///
/// OpenWrt's `any` pseudo-interface delivers Linux cooked headers (SLL, SLL2), and tunnels
/// deliver raw IP, so those are read besides Ethernet.
public enum LinkType: Equatable {
    case ethernet
    case linuxCooked
    case linuxCooked2
    case rawIP
    case null
    case unsupported(Int32)

    public init(linkTypeValue value: Int32) {
        switch value {
        case 1: self = .ethernet
        case 113: self = .linuxCooked
        case 276: self = .linuxCooked2
        case 101, 12, 14, 228, 229: self = .rawIP
        case 0, 108: self = .null
        default: self = .unsupported(value)
        }
    }
}

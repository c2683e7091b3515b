/// Builds test frames byte by byte, big-endian, so that parser tests say what they send.
struct FrameBuilder {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u16(_ value: UInt16) { bytes += [UInt8(value >> 8), UInt8(value & 0xFF)] }
    mutating func u32(_ value: UInt32) { for shift in [24, 16, 8, 0] { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) } }
    mutating func raw(_ values: [UInt8]) { bytes += values }
    mutating func zeros(_ count: Int) { bytes += [UInt8](repeating: 0, count: count) }

    static let macA: [UInt8] = [0x02, 0x1a, 0x11, 0x00, 0x00, 0x0a]
    static let macB: [UInt8] = [0x02, 0x1a, 0x11, 0x00, 0x00, 0x0b]

    mutating func ethernet(type: UInt16, tags: [UInt16] = []) {
        raw(Self.macB)
        raw(Self.macA)
        for tag in tags {
            u16(tag)
            u16(0x0064)  // TCI: VLAN 100
        }
        u16(type)
    }

    /// An IPv4 header with `optionWords` words of options; the total length covers `payload`.
    mutating func ipv4(protocol number: UInt8, source: UInt32, destination: UInt32, payload: Int,
                       fragment: UInt16 = 0, optionWords: Int = 0) {
        u8(0x45 + UInt8(optionWords))
        u8(0)
        u16(UInt16(20 + optionWords * 4 + payload))
        u16(0x1234)
        u16(fragment)
        u8(64)
        u8(number)
        u16(0)
        u32(source)
        u32(destination)
        for _ in 0..<optionWords { u32(0x0101_0101) }  // NOPs
    }

    mutating func ipv6(next: UInt8, source: (UInt64, UInt64), destination: (UInt64, UInt64), payload: Int) {
        u32(0x6000_0000)
        u16(UInt16(payload))
        u8(next)
        u8(64)
        for word in [source.0, source.1, destination.0, destination.1] {
            u32(UInt32(word >> 32))
            u32(UInt32(word & 0xFFFF_FFFF))
        }
    }

    mutating func ports(_ source: UInt16, _ destination: UInt16, length: Int) {
        u16(source)
        u16(destination)
        zeros(length - 4)
    }
}

func ip(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) -> UInt32 { a << 24 | b << 16 | c << 8 | d }

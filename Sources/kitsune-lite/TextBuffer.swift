import CSupport
import KitsuneEmbedded

/// Bytes of text being assembled for output, with the number and address formats the
/// program writes. Formatting goes through these methods rather than `String(describing:)`
/// and string interpolation of floating-point values, which Embedded Swift lacks.
///
/// The appends are never inlined: they are called from hundreds of places, and a router's
/// binary has 512 KiB; none is on a per-packet path where a call would show.
struct TextBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    @inline(never)
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(never)
    mutating func append(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    mutating func append(decimal value: Int) { append(decimal: Int64(value)) }

    @inline(never)
    mutating func append(decimal value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(unsigned: UInt64(bitPattern: 0 &- value))  // also right for Int64.min
        } else {
            append(unsigned: UInt64(value))
        }
    }

    /// The digits written from the end of a scratch buffer, then appended at once: a score row
    /// has two of these for every packet, and an append per byte cost more than the formatting.
    @inline(never)
    mutating func append(unsigned value: UInt64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes; UInt64.max has 20 digits
        withUnsafeMutableBytes(of: &digits) { digitBytes in
            var start = digitBytes.count
            var rest = value
            repeat {
                start -= 1
                digitBytes[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digitBytes[start...]))
        }
    }

    /// `digits` significant digits, as `%.*g` (17 round-trips a Double, 9 a Float).
    @inline(never)
    mutating func append(general value: Double, digits: Int) {
        appendFormatted { ks_format_general($0, $1, value, Int32(digits)) }
    }

    /// `decimals` digits after the point, as `%.*f`.
    @inline(never)
    mutating func append(fixed value: Double, decimals: Int) {
        appendFormatted { ks_format_fixed($0, $1, value, Int32(decimals)) }
    }

    private mutating func appendFormatted(_ format: (UnsafeMutablePointer<CChar>, Int32) -> Int32) {
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { raw in
            let text = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            let length = Int(format(text, Int32(raw.count)))
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<min(max(length, 0), raw.count - 1)]))
        }
    }

    /// Seconds since the epoch with six decimals, from nanoseconds (truncated to microseconds).
    mutating func append(timestamp nanoseconds: Int64) {
        var seconds = nanoseconds / 1_000_000_000
        var fraction = nanoseconds % 1_000_000_000
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000_000
        }
        append(decimal: seconds)
        // The point and six digits, appended at once.
        var decimals: UInt64 = 0
        withUnsafeMutableBytes(of: &decimals) { text in
            var micros = Int(fraction / 1000)  // below 10^6: fits any Int
            text[0] = UInt8(ascii: ".")
            for place in stride(from: 6, through: 1, by: -1) {
                text[place] = UInt8(ascii: "0") + UInt8(micros % 10)
                micros /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[0..<7]))
        }
    }

    mutating func append(hexDigit value: UInt64) {
        let digit = UInt8(value & 0xF)
        bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
    }

    /// `aa:bb:cc:dd:ee:ff`, lowercase; nothing for an absent address.
    @inline(never)
    mutating func append(mac: MACAddress) {
        guard mac.isPresent else { return }
        for octet in 0..<6 {
            if octet > 0 { bytes.append(UInt8(ascii: ":")) }
            let value = mac.rawValue >> UInt64(8 * (5 - octet))
            append(hexDigit: value >> 4)
            append(hexDigit: value)
        }
    }

    /// Dotted quad, RFC 5952 IPv6, or a MAC standing in for a host; nothing for none.
    @inline(never)
    mutating func append(address: NetworkAddress) {
        switch address.family {
        case .none:
            return
        case .ipv4:
            for octet in 0..<4 {
                if octet > 0 { bytes.append(UInt8(ascii: ".")) }
                append(unsigned: (address.low >> UInt64(8 * (3 - octet))) & 0xFF)
            }
        case .mac:
            append(mac: MACAddress(rawValue: address.low))
        case .ipv6:
            appendIPv6(high: address.high, low: address.low)
        }
    }

    /// RFC 5952: lowercase, no leading zeros, the longest run of two or more zero groups
    /// (the first if tied) as `::`.
    mutating func appendIPv6(high: UInt64, low: UInt64) {
        func group(_ index: Int) -> UInt64 {
            let word = index < 4 ? high : low
            return (word >> UInt64(16 * (3 - index % 4))) & 0xFFFF
        }
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8 && group(index) == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength { bestStart = runStart; bestLength = index - runStart }
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var index = 0
        var needsColon = false
        while index < 8 {
            if index == bestStart {
                append("::")
                index += bestLength
                needsColon = false
                continue
            }
            if needsColon { bytes.append(UInt8(ascii: ":")) }
            let value = group(index)
            var started = false
            for shift in stride(from: 12, through: 0, by: -4) {
                let digit = (value >> UInt64(shift)) & 0xF
                if digit != 0 || started || shift == 0 {
                    append(hexDigit: digit)
                    started = true
                }
            }
            needsColon = true
            index += 1
        }
    }

    /// A port slot as the reference spells it: a number, `arp`, `icmp`, or nothing.
    mutating func append(port: PortField) {
        switch port.kind {
        case .none: return
        case .number: append(unsigned: UInt64(port.value))
        case .arp: append("arp")
        case .icmp: append("icmp")
        case .tcpThenUDP:
            append(unsigned: UInt64(port.value >> 16))
            append(unsigned: UInt64(port.value & 0xFFFF))
        }
    }
}

// Scores every packet of a pcap or pcapng file with the kitsune-lite engine, as a program that
// depends on the package would: the engine takes bytes, a timestamp and a wire length, and
// needs nothing else. Writes `packet,timestamp,score` lines like `kitsune-lite score`.
//
//     swift run -c release ScoreSample CAPTURE [FM_GRACE AD_GRACE]

import Foundation
import KitsuneEmbedded

/// One packet of a capture file.
struct CapturedPacket {
    var nanoseconds: Int64
    var wireLength: UInt32
    var bytes: Data
}

/// The packets of a classic pcap or a pcapng file (Ethernet), read whole: a minimal reader, for
/// this example only (kitsune-lite itself uses libpcap).
func readCapture(_ data: Data) throws -> (linkType: Int32, packets: [CapturedPacket]) {
    func u16(_ offset: Int, _ little: Bool) -> UInt16 {
        let value = UInt16(data[data.startIndex + offset]) | UInt16(data[data.startIndex + offset + 1]) << 8
        return little ? value : value.byteSwapped
    }
    func u32(_ offset: Int, _ little: Bool) -> UInt32 {
        var value: UInt32 = 0
        for byte in 0..<4 { value |= UInt32(data[data.startIndex + offset + byte]) << (8 * UInt32(byte)) }
        return little ? value : value.byteSwapped
    }
    struct Malformed: Error {}
    guard data.count >= 24 else { throw Malformed() }
    var packets: [CapturedPacket] = []
    let magic = u32(0, true)
    if magic == 0xA1B2_C3D4 || magic == 0xA1B2_3C4D || magic == 0xD4C3_B2A1 || magic == 0x4D3C_B2A1 {
        let little = magic == 0xA1B2_C3D4 || magic == 0xA1B2_3C4D
        let nanosecondStamps = magic == 0xA1B2_3C4D || magic == 0x4D3C_B2A1
        let linkType = Int32(u32(20, little) & 0xFFFF)
        var offset = 24
        while offset + 16 <= data.count {
            let seconds = Int64(u32(offset, little)), fraction = Int64(u32(offset + 4, little))
            let captured = Int(u32(offset + 8, little)), wire = u32(offset + 12, little)
            guard offset + 16 + captured <= data.count else { break }
            let start = data.startIndex + offset + 16
            packets.append(CapturedPacket(nanoseconds: seconds * 1_000_000_000 + fraction * (nanosecondStamps ? 1 : 1000),
                                          wireLength: wire, bytes: data[start..<(start + captured)]))
            offset += 16 + captured
        }
        return (linkType, packets)
    }
    guard magic == 0x0A0D_0D0A else { throw Malformed() }
    let little = u32(8, true) == 0x1A2B_3C4D
    var linkType: Int32 = 1
    var resolutions: [Int64] = []  // nanoseconds per tick, per interface
    var offset = 0
    while offset + 12 <= data.count {
        let type = u32(offset, little), length = Int(u32(offset + 4, little))
        guard length >= 12, offset + length <= data.count else { break }
        switch type {
        case 1:  // interface description: link type, and the timestamp resolution option (9)
            if resolutions.isEmpty { linkType = Int32(u16(offset + 8, little)) }
            var tick: Int64 = 1000
            var option = offset + 16
            while option + 4 <= offset + length - 4 {
                let code = u16(option, little), size = Int(u16(option + 2, little))
                if code == 0 { break }
                if code == 9, size >= 1 {
                    let value = data[data.startIndex + option + 4]
                    let exponent = Int(value & 0x7F)
                    if value & 0x80 == 0, exponent <= 9 {
                        tick = 1
                        for _ in 0..<(9 - exponent) { tick *= 10 }
                    }
                }
                option += 4 + (size + 3) / 4 * 4
            }
            resolutions.append(tick)
        case 6:  // enhanced packet
            let interface = Int(u32(offset + 8, little))
            let stamp = Int64(u32(offset + 12, little)) << 32 | Int64(u32(offset + 16, little))
            let captured = Int(u32(offset + 20, little)), wire = u32(offset + 24, little)
            let start = data.startIndex + offset + 28
            guard captured <= length - 32 else { throw Malformed() }
            let tick = interface < resolutions.count ? resolutions[interface] : 1000
            packets.append(CapturedPacket(nanoseconds: stamp * tick, wireLength: wire, bytes: data[start..<(start + captured)]))
        default:
            break
        }
        offset += length
    }
    return (linkType, packets)
}

let arguments = CommandLine.arguments
guard arguments.count == 2 || arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: ScoreSample CAPTURE [FM_GRACE AD_GRACE]\n".utf8))
    exit(2)
}
let capture = try readCapture(try Data(contentsOf: URL(fileURLWithPath: arguments[1])))
var configuration = KitsuneConfiguration()
if arguments.count == 4, let fm = Int(arguments[2]), let ad = Int(arguments[3]) {
    configuration.kitNET.featureMapGrace = fm
    configuration.kitNET.anomalyDetectorGrace = ad
}
guard let fitted = Kitsune<Float>.configuration(configuration, fittingBudget: 16 << 20),
      let engine = Kitsune<Float>(configuration: fitted, linkType: LinkType(linkTypeValue: capture.linkType)) else {
    FileHandle.standardError.write(Data("cannot make the engine\n".utf8))
    exit(1)
}
var output = "packet,timestamp,score\n"
for packet in capture.packets {
    let result = packet.bytes.withUnsafeBytes { bytes in
        engine.process(bytes, timestamp: packet.nanoseconds, wireLength: packet.wireLength)
    }
    let seconds = packet.nanoseconds / 1_000_000_000, micros = packet.nanoseconds % 1_000_000_000 / 1000
    output += "\(engine.packetsProcessed),\(seconds).\(String(format: "%06lld", micros)),"
        + String(format: "%.9g", Double(result.score)) + "\n"
}
FileHandle.standardOutput.write(Data(output.utf8))
let counters = engine.counters
FileHandle.standardError.write(Data("ScoreSample: \(counters.packets) packets, \(counters.scored) scored\n".utf8))

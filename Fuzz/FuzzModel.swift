// libFuzzer target: bytes as a model file, read in each arithmetic. An odd first byte has the
// harness put a correct checksum on the rest, so that mutations reach the fields behind it (as
// someone who recomputes the CRC would). A model that is accepted is loaded into an engine and
// scores a few packets: what the reader accepts must run, finitely.
import FixedPoint
import KitsuneEmbedded

nonisolated(unsafe) var scratch: [UInt8] = []

@inline(never)
func tryModel<Scalar: KitsuneScalar>(_ bytes: UnsafeRawBufferPointer, _: Scalar.Type) {
    let base = fuzzConfiguration()
    guard let contents = try? ModelFile.decode(bytes, as: Scalar.self, base: base) else { return }
    var configuration = contents.configuration
    configuration.detection.threshold = contents.calibration.threshold
    guard configuration.problem == nil, Kitsune<Scalar>.memoryPlan(configuration).totalBytes <= 64 << 20,
          let engine = Kitsune<Scalar>(configuration: configuration, linkType: .ethernet) else { return }
    engine.restore(contents)
    // A few frames: an ARP request and UDP datagrams between two hosts.
    var frame = [UInt8](repeating: 0, count: 60)
    frame[12] = 0x08
    frame[14] = 0x45
    frame[23] = 17
    for index in 0..<8 {
        frame[29] = UInt8(index)
        frame.withUnsafeBytes { process(engine, $0, time: Int64(index) * 1_000_000, wireLength: 60) }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 1 else { return 0 }
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: UnsafeBufferPointer(start: data + 1, count: size - 1))
    if data[0] & 1 == 1 && scratch.count >= 4 {
        let body = scratch.count - 4
        let checksum = scratch.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<body])) }
        for index in 0..<4 { scratch[body + index] = UInt8(truncatingIfNeeded: checksum >> (8 * UInt32(index))) }
    }
    scratch.withUnsafeBytes { bytes in
        tryModel(bytes, Float.self)
        tryModel(bytes, Q16.self)
        tryModel(bytes, Double.self)
    }
    return 0
}

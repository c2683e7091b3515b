// libFuzzer target: bytes as a capture file, read the way kitsune-lite reads one (libpcap,
// through the pcapng guard of capture_guard.c, timestamps limited by ks_timestamp_ns), every
// packet through the engine in float32 or q16 (the input's length chooses). The corpus is a
// set of capture files: `make fuzz` also replays it through the router builds under qemu.
import CSupport
import FixedPoint
import KitsuneEmbedded

nonisolated(unsafe) var captureFloat32: Kitsune<Float>? = nil
nonisolated(unsafe) var captureQ16: Kitsune<Q16>? = nil
nonisolated(unsafe) var capturePath: [CChar] = []

@inline(never)
func readCapture<Scalar: KitsuneScalar>(_ handle: OpaquePointer, _ engine: Kitsune<Scalar>) {
    engine.setLinkType(LinkType(linkTypeValue: pcap_datalink(handle)))
    var packet = ks_packet()
    var time: Int64 = 0
    while ks_pcap_next(handle, &packet) == 1 {
        precondition(packet.timestamp_ns >= 0 && packet.timestamp_ns <= KS_LATEST_TIMESTAMP_NS, "a time out of range")
        guard let length = Int(exactly: packet.captured_length) else { continue }
        time = packet.timestamp_ns
        process(engine, UnsafeRawBufferPointer(start: packet.data, count: length), time: time, wireLength: packet.wire_length)
    }
    engine.finishIncidents(at: time)
    while engine.nextIncidentEvent() != nil {}
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCapture(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if capturePath.isEmpty {
        capturePath = Array("/tmp/kitsune-fuzz-capture-\(getpid())".utf8CString)
        captureFloat32 = Kitsune<Float>(configuration: fuzzConfiguration(), linkType: .ethernet)
        captureQ16 = Kitsune<Q16>(configuration: fuzzConfiguration(), linkType: .ethernet)
    }
    let file = ks_open_for_writing(capturePath)!
    _ = ks_write(file, data, size)
    _ = ks_close(file)
    var error = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
    guard let handle = ks_pcap_open_file(capturePath, &error) else { return 0 }
    defer { pcap_close(handle) }
    if size & 1 == 0 { readCapture(handle, captureFloat32!) } else { readCapture(handle, captureQ16!) }
    return 0
}

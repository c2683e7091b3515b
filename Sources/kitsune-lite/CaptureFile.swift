import CSupport
import KitsuneEmbedded

/// A pcap or pcapng file read through libpcap.
final class CaptureFile {
    let path: String
    let handle: OpaquePointer
    let linkType: LinkType

    enum Next {
        case packet(ks_packet)
        case end
        /// The file ends inside a record, or libpcap reports another read error.
        case failure(String)
    }

    init(path: String) throws(ProgramError) {
        self.path = path
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        let opened = errorBuffer.withUnsafeMutableBufferPointer { ks_pcap_open_file(path, $0.baseAddress) }
        guard let opened else {
            let reason = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw .usage("cannot read capture '" + path + "': " + reason)
        }
        let value = pcap_datalink(opened)
        linkType = LinkType(linkTypeValue: value)
        guard linkType != .unsupported(value) else {
            pcap_close(opened)
            throw .usage("capture '" + path + "' has link type " + describe(Int(value))
                + ", which kitsune-lite does not read (Ethernet, Linux cooked, raw IP and loopback)")
        }
        handle = opened
    }

    deinit { pcap_close(handle) }

    @inline(__always)
    func next() -> Next {
        var packet = ks_packet()
        switch ks_pcap_next(handle, &packet) {
        case 1: return .packet(packet)
        case PCAP_ERROR_BREAK: return .end
        default: return .failure(String(cString: pcap_geterr(handle)))
        }
    }
}

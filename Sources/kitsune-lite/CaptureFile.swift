import CSupport
import KitsuneEmbedded

/// Packets from libpcap: a pcap or pcapng file, or a live network interface.
final class CaptureFile {
    /// The file's path, or the interface's name.
    let path: String
    let handle: OpaquePointer
    let linkType: LinkType
    let isLive: Bool

    enum Next {
        case packet(ks_packet)
        /// A live capture's read timed out: no packet for a while.
        case idle
        case end
        /// A stop signal (SIGINT, SIGTERM) ended a file before its end.
        case stopped
        /// The file ends inside a record, or libpcap reports another read error.
        case failure(String)
        /// The capture guard refused the rest of the file (capture_guard.c): the reason.
        case refused(String)
    }

    init(path: String) throws(ProgramError) {
        self.path = path
        isLive = false
        // Before the open, which waits on a pipe until its writer starts: a SIGUSR1 meanwhile
        // must not kill the program, and a stop signal must stop it.
        ks_install_stop_handlers(nil)
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        let opened = errorBuffer.withUnsafeMutableBufferPointer { ks_pcap_open_file(path, $0.baseAddress) }
        guard let opened else {
            if ks_stop_requested() != 0 {
                throw .runtime("stopped by a signal before capture '" + path + "' began: nothing is written")
            }
            let reason = text(fromCString: errorBuffer)
            throw .usage("cannot read capture '" + path + "': " + reason)
        }
        linkType = try Self.linkType(of: opened, path)
        handle = opened
        ks_install_stop_handlers(opened)
    }

    /// Captures live from `interface`: only the headers (`snapLength`), with `filter` if given,
    /// into a kernel buffer of `bufferBytes`.
    init(interface: String, snapLength: Int32, bufferBytes: Int32, promiscuous: Bool, filter: String?) throws(ProgramError) {
        path = interface
        isLive = true
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        let opened = errorBuffer.withUnsafeMutableBufferPointer {
            ks_pcap_open_live(interface, snapLength, promiscuous ? 1 : 0, 250, bufferBytes, $0.baseAddress)
        }
        guard let opened else {
            let reason = text(fromCString: errorBuffer)
            throw .usage("cannot capture on interface '" + interface + "': " + reason)
        }
        if let filter {
            let status = errorBuffer.withUnsafeMutableBufferPointer {
                ks_pcap_set_filter(opened, filter, $0.baseAddress, Int32($0.count))
            }
            guard status == 0 else {
                pcap_close(opened)
                let reason = text(fromCString: errorBuffer)
                throw .usage("bad capture filter '" + filter + "': " + reason)
            }
        }
        linkType = try Self.linkType(of: opened, interface)
        handle = opened
        ks_install_stop_handlers(opened)
    }

    static func linkType(of opened: OpaquePointer, _ path: String) throws(ProgramError) -> LinkType {
        let value = pcap_datalink(opened)
        let linkType = LinkType(linkTypeValue: value)
        guard linkType != .unsupported(value) else {
            pcap_close(opened)
            throw .usage("capture '" + path + "' has link type " + describe(Int(value))
                + ", which kitsune-lite does not read (Ethernet, Linux cooked, raw IP and loopback)")
        }
        return linkType
    }

    /// Packets received and dropped by the kernel and the interface, for a live capture.
    var dropStatistics: (received: UInt32, dropped: UInt32, interfaceDropped: UInt32)? {
        guard isLive else { return nil }
        var received: UInt32 = 0, dropped: UInt32 = 0, interfaceDropped: UInt32 = 0
        guard ks_pcap_statistics(handle, &received, &dropped, &interfaceDropped) == 0 else { return nil }
        return (received, dropped, interfaceDropped)
    }

    /// ` received=N dropped=N` (with `interface`, ` interface_dropped=N` too) for a live
    /// capture's kernel counts; nothing for a file.
    func appendDropStatistics(to line: inout TextBuffer, interface: Bool = false) {
        guard let drops = dropStatistics else { return }
        line.append(" received=")
        line.append(decimal: Int64(drops.received))
        line.append(" dropped=")
        line.append(decimal: Int64(drops.dropped))
        if interface {
            line.append(" interface_dropped=")
            line.append(decimal: Int64(drops.interfaceDropped))
        }
    }

    deinit { pcap_close(handle) }

    @inline(__always)
    func next() -> Next {
        var packet = ks_packet()
        while true {
            switch ks_pcap_next(handle, &packet) {
            case 1: return .packet(packet)
            case 0:
                // A live capture's read timeout: a chance to see a stop request, and to act on time.
                return ks_stop_requested() != 0 ? .end : .idle
            case PCAP_ERROR_BREAK: return !isLive && ks_stop_requested() != 0 ? .stopped : .end
            default:
                // A signal that interrupted a read (a capture from a pipe) is a stop, not a failure.
                if ks_stop_requested() != 0 { return isLive ? .end : .stopped }
                if let refusal = ks_capture_refusal() { return .refused(String(cString: refusal)) }
                return .failure(String(cString: pcap_geterr(handle)))
            }
        }
    }
}

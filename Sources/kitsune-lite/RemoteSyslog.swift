import CSupport
import KitsuneEmbedded

/// Alerts to a remote syslog collector: RFC 5424 messages over UDP, with the alert's fields as
/// structured data, so that a collector can index them without parsing the text.
///
///     <28>1 2026-11-29T03:41:22.123456Z router kitsune-lite 1234 incident [kitsune@32473
///     incident="1" state="opened" src="10.200.0.66" src_mac="02:1a:11:00:00:66" ...
///     behaviour="many_hosts,many_ports"] incident 1 opened: 10.200.0.66 (02:1a:11:00:00:66) -> ...
///
/// (the parameters are `AlertSinks.appendStructuredData`'s)
///
/// (32473 is the private enterprise number RFC 5612 reserves for documentation and examples.)
final class RemoteSyslog {
    let socket: Int32
    let facility: Int32
    let header: String
    /// The errno of the last failed send, for the warning.
    var lastError: Int32 = 0

    /// Connects to `target` (see `hostAndPort`); a one-line error if it cannot.
    init(target: String, facility: Int32) throws(ProgramError) {
        guard let (host, port) = Self.hostAndPort(target) else {
            throw .usage("--syslog-server needs HOST, HOST:PORT or [IPv6]:PORT with a port from 1 to 65535, not '"
                         + target + "'")
        }
        var error = [CChar](repeating: 0, count: 256)
        let descriptor = error.withUnsafeMutableBufferPointer { ks_udp_connect(host, port, $0.baseAddress, 256) }
        guard descriptor >= 0 else {
            throw .usage("cannot reach syslog server '" + target + "': " + text(fromCString: error))
        }
        socket = descriptor
        self.facility = facility
        var name = [CChar](repeating: 0, count: 256)
        name.withUnsafeMutableBufferPointer { ks_host_name($0.baseAddress, 256) }
        header = " " + text(fromCString: name) + " kitsune-lite " + describe(Int(getpid())) + " "
    }

    deinit { close(socket) }

    /// "host:port", "host", "[v6]:port", "[v6]", or a bare IPv6 address such as "fd00::1": with
    /// more than one colon and no brackets no port can be told apart, so the whole is the host
    /// (an IPv6 address with a port needs its brackets). Without a port, syslog's 514. Nil for
    /// an empty host, or a port that is not a number from 1 to 65535: a port the resolver reads
    /// as 0 would connect and lose every alert.
    static func hostAndPort(_ target: String) -> (host: String, port: String)? {
        var host = target, port = "514"
        if target.startsWithText("[") {
            guard let (inside, after) = target.droppingBytes(leading: 1).splitText(at: "]") else { return nil }
            host = inside
            if !after.isEmpty {
                guard after.startsWithText(":") else { return nil }
                port = after.droppingBytes(leading: 1)
            }
        } else {
            var colons = 0
            for byte in target.utf8 where byte == UInt8(ascii: ":") { colons += 1 }
            if colons == 1, let (before, after) = target.splitText(at: ":") { (host, port) = (before, after) }
        }
        guard !host.isEmpty, let number = Int(port), (1...65_535).contains(number) else { return nil }
        return (host, describe(number))
    }

    /// Sends one message (`time` 0: no timestamp); returns the messages known lost: 0, 1 or 2.
    ///
    /// A connected UDP socket learns that the collector is down (an ICMP port unreachable for
    /// the datagram sent before) and says so as ECONNREFUSED on the next send, which then sends
    /// nothing. So ECONNREFUSED counts the message before as lost, and this one is sent again
    /// (the error is cleared): it arrives if the collector is back, and otherwise the next send
    /// counts it. A second failure loses this one too. Sending goes on either way, so reports
    /// reach the collector again as soon as it is back.
    @discardableResult
    func send(severity: Int32, time: Int64, messageID: StaticString, structuredData: (inout TextBuffer) -> Void,
              message: (inout TextBuffer) -> Void) -> Int {
        var line = TextBuffer(capacity: 512)
        line.append("<")
        line.append(decimal: Int(facility | severity))
        line.append(">1 ")
        if time == 0 { line.append("-") } else { line.append(utc: time, suffix: "Z") }
        line.append(header)
        line.append(messageID)
        line.append(" ")
        structuredData(&line)
        line.append(" ")
        message(&line)
        return line.bytes.withUnsafeBytes { bytes in
            let first = ks_udp_send(socket, bytes.baseAddress, bytes.count)
            guard first != 0 else { return 0 }
            lastError = first
            let again = ks_udp_send(socket, bytes.baseAddress, bytes.count)
            if again != 0 { lastError = again }
            return (first == ECONNREFUSED ? 1 : 0) + (again != 0 ? 1 : 0)
        }
    }
}

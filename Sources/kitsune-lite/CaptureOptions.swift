import CSupport

/// Where train and detect read packets: a capture file, or a live interface.
enum CaptureOptions {
    static let valued = ["--interface", "--filter", "--snaplen", "--capture-buffer", "--user"]
    static let flags = ["--promiscuous"]

    /// Begins with a line break: it follows the last line of a command's usage text.
    static let help = """

          --interface IF           capture live on IF instead of reading a file (stop with SIGINT or SIGTERM)
          --filter EXPRESSION      a BPF filter for the live capture (tcpdump syntax)
          --promiscuous            capture other hosts' traffic too (a switch port mirror, a hub)
          --snaplen BYTES          bytes kept of each packet: the headers (default 128)
          --capture-buffer KIB     the kernel's buffer for packets not yet read (default 4096: about
                                   20,000 packets of 128 bytes; a burst beyond it is dropped)
          --user NAME              run as NAME once the capture is open
        """

    /// The capture file named on the command line, or the interface of `--interface`.
    static func open(_ arguments: CommandLineArguments, command: String) throws(ProgramError) -> CaptureFile {
        guard let interface = arguments.value("--interface") else {
            if arguments.value("--filter") != nil { throw .usage("--filter applies to --interface captures") }
            return try CaptureFile(path: try arguments.capturePath(command: command))
        }
        guard arguments.positional.isEmpty else {
            throw .usage(command + " reads either a capture file or --interface, not both")
        }
        let snapLength = try arguments.integer("--snaplen", default: 128)
        guard snapLength <= 262_144 else { throw .usage("--snaplen is at most 262144") }
        // Twice libpcap's default: room for the 20 ms of lag after which detect scores a sample
        // (ScoringSample) at 400,000 packets/s and more, so that the sampling, not the kernel,
        // absorbs the start of an overload.
        let bufferKiB = try arguments.integer("--capture-buffer", default: 4096)
        return try CaptureFile(interface: interface, snapLength: Int32(snapLength), bufferBytes: Int32(bufferKiB * 1024),
                               promiscuous: arguments.has("--promiscuous"), filter: arguments.value("--filter"))
    }

    /// `--user`: root is given up once everything that needs it (the interface, the output
    /// files opened at the start) is open; what is written later must be the user's to write.
    static func dropPrivileges(_ arguments: CommandLineArguments) throws(ProgramError) {
        guard let user = arguments.value("--user") else { return }
        var error = [CChar](repeating: 0, count: 256)
        guard error.withUnsafeMutableBufferPointer({ ks_drop_privileges(user, $0.baseAddress, 256) }) == 0 else {
            throw .runtime("cannot run as '" + user + "': " + text(fromCString: error))
        }
    }
}

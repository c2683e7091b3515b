import CSupport

/// A failure the user must hear about: one line on standard error and an exit status.
struct ProgramError: Error {
    let message: String
    let status: Int32

    /// Bad command line or input files that cannot be used: status 2.
    static func usage(_ message: String) -> ProgramError { ProgramError(message: message, status: 2) }
    /// A failure while running (an output that cannot be written): status 1.
    static func runtime(_ message: String) -> ProgramError { ProgramError(message: message, status: 1) }
}

/// Writes `kitsune-lite: <message>` as one line on standard error.
func reportError(_ message: String) {
    printToStandardError("kitsune-lite: error: " + message)
}

@inline(never)
func printToStandardError(_ line: String) {
    var copy = line
    copy.withUTF8 { bytes in
        // Build a NUL-terminated copy: the C call takes a C string.
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        defer { buffer.deallocate() }
        for (index, byte) in bytes.enumerated() { buffer[index] = CChar(bitPattern: byte) }
        buffer[bytes.count] = 0
        ks_print_error_line(buffer)
    }
}

/// A static message as a `String`.
func text(_ message: StaticString) -> String {
    message.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
}

/// A NUL-terminated C string in a buffer, as a `String`.
func text(fromCString buffer: [CChar]) -> String {
    buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}

import CSupport

/// A buffered output: standard output, or a file written under a temporary name and renamed
/// into place by `commit()`, so that a reader never sees half a file from a failed run. A
/// symbolic link to a regular file has the file it names replaced the same way (the temporary
/// file beside it, so that the rename stays within its file system); what is not a regular file
/// (a pipe, a device, a dangling link) is written in place: renaming over it would replace it.
final class OutputFile {
    var file: OpaquePointer
    /// The path as given, for messages.
    let finalPath: String?
    /// Where `commit()` renames the temporary file: `finalPath`, or the file its link names.
    let renamePath: String?
    /// A log, appended to and reopened on SIGHUP (after rotation), never renamed.
    let isLog: Bool
    let temporaryPath: String?
    var buffer: [UInt8] = []
    var failed = false
    var committed = false
    /// A log's rotation (`--eve-size`, `--eve-files`): once it holds `maximumBytes`, it becomes
    /// NAME.1 (NAME.1 becomes NAME.2, and so on; the oldest of `keptFiles` goes) and a new NAME
    /// is begun, so that a log in a router's RAM (/tmp) cannot fill it.
    var rotation: (maximumBytes: Int64, keptFiles: Int)? = nil
    /// The log's bytes, those it had when opened included.
    private(set) var size: Int64 = 0
    private(set) var rotations: Int64 = 0
    static let flushThreshold = 1 << 16

    /// Standard output.
    init() {
        file = ks_standard_output()
        finalPath = nil
        renamePath = nil
        temporaryPath = nil
        isLog = false
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    /// `path`, or standard output for `-`.
    init(path: String) throws(ProgramError) {
        isLog = false
        if path.isText("-") {
            file = ks_standard_output()
            finalPath = nil
            renamePath = nil
            temporaryPath = nil
        } else if let replaceable = ks_replaceable_path(path) {
            let target = String(cString: replaceable)
            free(replaceable)
            let temporary = target + ".partial-" + describe(Int(getpid()))
            guard let opened = ks_create_exclusively(temporary) else {
                throw .usage("cannot write '" + path + "': " + String(cString: ks_error_text()))
            }
            file = opened
            finalPath = path
            renamePath = target
            temporaryPath = temporary
        } else {
            guard let opened = ks_open_for_writing(path) else {
                throw .usage("cannot write '" + path + "': " + String(cString: ks_error_text()))
            }
            file = opened
            finalPath = path
            renamePath = nil
            temporaryPath = nil
        }
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    /// A log file appended to (standard output for `-`), as alerts are written.
    init(appendingTo path: String) throws(ProgramError) {
        isLog = true
        temporaryPath = nil
        renamePath = nil
        if path.isText("-") {
            file = ks_standard_output()
            finalPath = nil
        } else {
            guard let opened = ks_open_for_appending(path) else {
                throw .usage("cannot write '" + path + "': " + String(cString: ks_error_text()))
            }
            file = opened
            finalPath = path
            size = ks_file_size(opened)
        }
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    /// A file never committed (an error, a stop signal) leaves no trace: its temporary file is
    /// removed, and whatever was at the final name stays. A log keeps what it was given.
    deinit {
        guard !committed else { return }
        if isLog {
            flushBuffer()
            if finalPath != nil { _ = ks_close(file) }
        } else if let temporaryPath {
            _ = ks_close(file)
            unlink(temporaryPath)
        } else if finalPath != nil {
            _ = ks_close(file)
        }
    }

    /// Closes and opens a log again under its name: after a rotation, writing goes on in a new
    /// file. A failure keeps the old one open (what is written then goes on to the rotated
    /// file, not nowhere) and returns the reason.
    func reopen() -> String? {
        guard isLog, let finalPath else { return nil }
        flushBuffer()
        guard let opened = ks_open_for_appending(finalPath) else { return String(cString: ks_error_text()) }
        _ = ks_close(file)
        file = opened
        size = ks_file_size(opened)
        return nil
    }

    /// Moves the full log aside (see `rotation`) and opens a new one. If the new one cannot be
    /// opened, writing goes on to the renamed file: reports are kept, not lost.
    private func rotate(keeping keptFiles: Int) {
        guard let finalPath else { return }
        size = 0
        guard ks_rotate_log(finalPath, Int32(keptFiles)) == 0, let opened = ks_open_for_appending(finalPath) else { return }
        _ = ks_close(file)
        file = opened
        rotations += 1
    }

    @inline(__always)
    func write(_ text: inout TextBuffer) {
        buffer.append(contentsOf: text.bytes)
        text.removeAll()
        if buffer.count >= Self.flushThreshold { flushBuffer() }
    }

    func write(bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { flushBuffer() }
    }

    /// Writes what is buffered; false if it could not all be written (it is then dropped, and
    /// `commit` fails).
    @discardableResult
    func flushBuffer() -> Bool {
        guard !buffer.isEmpty else { return true }
        var written = buffer.withUnsafeBytes({ ks_write(file, $0.baseAddress, $0.count) }) == 0
        size += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
        // A log's lines reach the file as they are written, whole: a reader following it (tail -f,
        // a log shipper) never waits for the C library's buffer, nor sees half a line.
        if isLog && ks_flush(file) != 0 { written = false }
        if !written { failed = true }
        if let rotation, size >= rotation.maximumBytes { rotate(keeping: rotation.keptFiles) }
        return written
    }

    /// Writes what is buffered and, for a file, moves it to its final name.
    func commit() throws(ProgramError) {
        flushBuffer()
        committed = true
        guard let finalPath else {
            if ks_flush(file) != 0 || failed { throw .runtime("cannot write standard output") }
            return
        }
        guard let temporaryPath else {
            if ks_close(file) != 0 || failed {
                throw .runtime("cannot write '" + finalPath + "': " + String(cString: ks_error_text()))
            }
            return
        }
        if ks_close(file) != 0 || failed {
            unlink(temporaryPath)
            throw .runtime("cannot write '" + finalPath + "': " + String(cString: ks_error_text()))
        }
        if rename(temporaryPath, renamePath ?? finalPath) != 0 {
            let reason = String(cString: ks_error_text())
            unlink(temporaryPath)
            throw .runtime("cannot write '" + finalPath + "': " + reason)
        }
    }
}

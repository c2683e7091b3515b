// Shared helpers for the end-to-end tests of the `kitsune-lite` program: finding the built
// binary and the shared data, running a subprocess with its output captured in files, reading
// gzip files, temporary directories, and small text parsers.
//
// Everything here is host-only (Foundation). A missing binary or missing shared data is a
// thrown `SetupError`, which fails the test with its message; nothing is skipped silently.

import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A precondition of a test that does not hold (binary or data not found, a helper process
/// that failed). Thrown from a test it fails that test with `message`.
struct SetupError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

// MARK: - Locations

enum Locations {
    /// The repository root: this file is `<root>/Tests/KitsuneLiteTests/TestSupport.swift`.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // KitsuneLiteTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repo root
        .standardizedFileURL

    /// The `kitsune-lite` executable: `$KITSUNE_LITE_BIN`, else `kitsune-lite` next to the
    /// running test executable (walking up out of a `.xctest` bundle to the build products
    /// directory), else `<repo>/.build/release/kitsune-lite`.
    static func binary() throws -> URL {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["KITSUNE_LITE_BIN"], !env.isEmpty {
            let url = URL(fileURLWithPath: env).standardizedFileURL
            guard isExecutableFile(url) else {
                throw SetupError(
                    "KITSUNE_LITE_BIN=\(env) is not an executable file; build the program first "
                        + "(swift build -c release) or fix the variable")
            }
            return url
        }
        var tried: [String] = []
        let selfExe = (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
        if !selfExe.isEmpty {
            var dir = URL(fileURLWithPath: selfExe).standardizedFileURL.deletingLastPathComponent()
            for _ in 0..<6 {
                let candidate = dir.appendingPathComponent("kitsune-lite")
                tried.append(candidate.path)
                if isExecutableFile(candidate) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        let fallback = repoRoot.appendingPathComponent(".build/release/kitsune-lite")
        tried.append(fallback.path)
        if isExecutableFile(fallback) { return fallback }
        throw SetupError(
            "kitsune-lite binary not found (test executable: \(selfExe)); tried: "
                + tried.joined(separator: ", ")
                + ". Build it (swift build -c release) or set KITSUNE_LITE_BIN.")
    }

    /// The shared directory (holding `data/` and `docs/`): `$KITSUNE_SHARED`, else
    /// `<repo>/../shared`.
    static func shared() throws -> URL {
        let base: URL
        if let env = ProcessInfo.processInfo.environment["KITSUNE_SHARED"], !env.isEmpty {
            base = URL(fileURLWithPath: env).standardizedFileURL
        } else {
            base = repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
                .standardizedFileURL
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base.path, isDirectory: &isDir), isDir.boolValue
        else {
            throw SetupError(
                "shared data directory not found at \(base.path); set KITSUNE_SHARED to the "
                    + "directory holding data/dev/dev.pcap")
        }
        return base
    }

    /// `<shared>/data/dev/<relative>`, which must exist.
    static func devFile(_ relative: String) throws -> URL {
        let url = try shared().appendingPathComponent("data/dev").appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SetupError("shared data file missing: \(url.path)")
        }
        return url
    }

    static func devPcap() throws -> URL { try devFile("dev.pcap") }

    private static func isExecutableFile(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        let fm = FileManager.default
        return fm.fileExists(atPath: url.path, isDirectory: &isDir) && !isDir.boolValue
            && fm.isExecutableFile(atPath: url.path)
    }
}

// MARK: - Sanitizers

/// Whether the tests run against a build with AddressSanitizer (`make sanitize` sets
/// KITSUNE_SANITIZED=1): its shadow memory and quarantine add tens of MB to every process, so
/// bounds on resident memory are checked in the normal run (`make unit-test`) instead, and the
/// test says so.
let runsSanitized = ProcessInfo.processInfo.environment["KITSUNE_SANITIZED"] == "1"

/// Checks a bound on resident memory, except under a sanitizer (see `runsSanitized`).
func expectResidentMemory(_ peak: Double, atMost bound: Double, _ what: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
    if runsSanitized {
        print("[kitsune-lite tests] \(what): peak RSS \(peak) KiB not checked under AddressSanitizer (bound \(bound) KiB)")
    } else {
        #expect(peak <= bound, "\(what): peak RSS \(peak) KiB, over \(bound) KiB", sourceLocation: sourceLocation)
    }
}

// MARK: - Temporary directory

/// A fresh, uniquely named directory under the system temporary directory. Call `remove()`
/// (typically in a `defer`) when done.
final class TempDir: Sendable {
    let url: URL

    init(_ label: String = "kitsune-lite-tests") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

// MARK: - Running a process

struct ProcessResult: CustomStringConvertible {
    let executable: String
    let arguments: [String]
    /// `.exit` for a normal exit, `.uncaughtSignal` when killed by a signal.
    let terminationReason: Process.TerminationReason
    /// The exit status, or the signal number when killed by a signal.
    let status: Int32
    let stdout: Data
    let stderr: Data
    let timedOut: Bool
    let seconds: Double

    var exitedNormally: Bool { terminationReason == .exit && !timedOut }
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// Non-empty stderr lines, whitespace-trimmed.
    var stderrLines: [String] {
        stderrText.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    var commandLine: String { ([executable] + arguments).joined(separator: " ") }

    var description: String {
        let how: String
        if timedOut {
            how = "TIMED OUT and was terminated"
        } else if terminationReason == .exit {
            how = "exit status \(status)"
        } else {
            how = "KILLED BY SIGNAL \(status)"
        }
        return "`\(commandLine)`: \(how) after \(String(format: "%.1f", seconds)) s; stderr tail: "
            + tail(stderrText, lines: 6)
    }
}

/// Keeps the last `lines` lines of `text` (and at most 2,000 characters) for messages.
func tail(_ text: String, lines: Int) -> String {
    let all = text.split(whereSeparator: \.isNewline)
    var result = all.suffix(lines).joined(separator: " | ")
    if result.count > 2000 { result = "..." + String(result.suffix(2000)) }
    return result.isEmpty ? "(empty)" : result
}

/// Runs `executable` with `arguments`; stdout and stderr go to temporary files (so large
/// outputs cannot deadlock a pipe) and are read back into memory. stdin is /dev/null. A run
/// longer than `timeout` seconds is terminated and marked `timedOut`.
func runProcess(_ executable: URL, _ arguments: [String], timeout: Double = 300) throws
    -> ProcessResult
{
    let tmp = try TempDir("kitsune-lite-run")
    defer { tmp.remove() }
    let outURL = tmp.file("stdout")
    let errURL = tmp.file("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outHandle
    process.standardError = errHandle
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }

    let start = Date()
    do {
        try process.run()
    } catch {
        try? outHandle.close()
        try? errHandle.close()
        throw SetupError("could not start \(executable.path): \(error)")
    }
    var timedOut = false
    if done.wait(timeout: .now() + timeout) == .timedOut {
        timedOut = true
        process.terminate()
        if done.wait(timeout: .now() + 10) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            done.wait()
        }
    }
    process.waitUntilExit()
    let seconds = Date().timeIntervalSince(start)
    try? outHandle.close()
    try? errHandle.close()
    return ProcessResult(
        executable: executable.path, arguments: arguments,
        terminationReason: process.terminationReason, status: process.terminationStatus,
        stdout: (try? Data(contentsOf: outURL)) ?? Data(),
        stderr: (try? Data(contentsOf: errURL)) ?? Data(),
        timedOut: timedOut, seconds: seconds)
}

/// Runs the `kitsune-lite` binary.
func runKitsune(_ arguments: [String], timeout: Double = 300) throws -> ProcessResult {
    try runProcess(try Locations.binary(), arguments, timeout: timeout)
}

/// The decompressed contents of a gzip file, via `gzip -dc`.
func readGzip(_ url: URL) throws -> Data {
    let result = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["gzip", "-dc", url.path])
    guard result.exitedNormally, result.status == 0 else {
        throw SetupError("could not decompress \(url.path): \(result)")
    }
    return result.stdout
}

// MARK: - Parsing helpers

/// Splits text into lines (LF, tolerating CRLF), dropping one trailing empty line.
func lines(of data: Data) -> [Substring] {
    let text = String(decoding: data, as: UTF8.self)
    var result = text.split(separator: "\n", omittingEmptySubsequences: false)
    if let last = result.last, last.isEmpty { result.removeLast() }
    return result.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
}

/// Raw little-endian float64 values.
func float64Values(_ data: Data) -> [Double] {
    let count = data.count / 8
    var values = [Double](repeating: 0, count: count)
    data.withUnsafeBytes { raw in
        for i in 0..<count {
            let bits = raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            values[i] = Double(bitPattern: UInt64(littleEndian: bits))
        }
    }
    return values
}

/// One score per line (e.g. the reference `scores.txt`).
func readScoreLines(_ url: URL) throws -> [Double] {
    let data = try Data(contentsOf: url)
    var values: [Double] = []
    for (i, line) in lines(of: data).enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let v = Double(trimmed) else {
            throw SetupError("\(url.path):\(i + 1): not a number: \(trimmed)")
        }
        values.append(v)
    }
    return values
}

/// The output of `kitsune-lite score`: CSV `packet,timestamp,score`.
struct ScoreTable: CustomStringConvertible {
    var packets: [Int] = []
    var scores: [Double] = []
    var header: String = ""
    /// Lines that did not parse (line number 1-based, text), at most 20 kept.
    var badLines: [(Int, String)] = []
    var badLineCount = 0

    static let expectedHeader = "packet,timestamp,score"

    init(_ data: Data) {
        let all = lines(of: data)
        guard let first = all.first else { return }
        header = String(first)
        for (i, line) in all.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields.count == 3,
                let packet = Int(fields[0].trimmingCharacters(in: .whitespaces)),
                let score = Double(fields[2].trimmingCharacters(in: .whitespaces))
            {
                packets.append(packet)
                scores.append(score)
            } else {
                badLineCount += 1
                if badLines.count < 20 { badLines.append((i + 2, String(line))) }
            }
        }
    }

    var rowCount: Int { scores.count }

    var description: String { "ScoreTable(\(rowCount) rows, header \(header.debugDescription))" }

    /// Whether the packet column is exactly 1...rowCount.
    var packetsAreSequential: Bool {
        packets.enumerated().allSatisfy { $0.element == $0.offset + 1 }
    }

    var badLinesDescription: String {
        badLines.map { "line \($0.0): \($0.1)" }.joined(separator: "; ")
    }
}

/// Relative-or-exact closeness: `|a-b| <= rel * max(|a|,|b|)`, or `|a-b| <= abs`. NaN equals
/// NaN here (bit-exact agreement), infinities must be equal.
func isClose(_ a: Double, _ b: Double, relative rel: Double, absolute abs: Double = 0) -> Bool {
    if a == b { return true }
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if !a.isFinite || !b.isFinite { return false }
    let diff = Swift.abs(a - b)
    return diff <= rel * Swift.max(Swift.abs(a), Swift.abs(b)) || diff <= abs
}

func percent(_ part: Int, _ whole: Int) -> String {
    whole == 0 ? "n/a" : String(format: "%.4f%%", 100 * Double(part) / Double(whole))
}

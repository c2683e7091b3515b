import Foundation
import Testing

/// The reference's outputs in `../shared/data` (or `$KITSUNE_SHARED`), read once per process.
enum ReferenceData {
    static var sharedDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["KITSUNE_SHARED"] {
            return URL(fileURLWithPath: path)
        }
        // Tests/KitsuneEmbeddedTests/ReferenceData.swift -> the repository -> its sibling `shared`.
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
    }

    static func url(_ relativePath: String) -> URL {
        sharedDirectory.appendingPathComponent("data").appendingPathComponent(relativePath)
    }

    /// The file's bytes, gunzipped by `gzip -dc` when the name ends in `.gz`.
    static func contents(_ relativePath: String) throws -> Data {
        let file = url(relativePath)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw MissingData(path: file.path)
        }
        guard relativePath.hasSuffix(".gz") else { return try Data(contentsOf: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec gzip -dc \"$0\"", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw MissingData(path: file.path) }
        return data
    }

    static func lines(_ relativePath: String) throws -> [Substring] {
        let text = String(decoding: try contents(relativePath), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: true)
    }

    static func json(_ relativePath: String) throws -> Any {
        try JSONSerialization.jsonObject(with: try contents(relativePath))
    }

    /// `features.f64.gz`: 66,935 rows of 100 little-endian float64.
    static let devFeatures: [Double] = {
        do {
            let data = try contents("dev/reference/features.f64.gz")
            return data.withUnsafeBytes { raw in
                (0..<(data.count / 8)).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
            }
        } catch {
            return []
        }
    }()

    struct MissingData: Error, CustomStringConvertible {
        let path: String
        var description: String { "reference data missing or unreadable: \(path)" }
    }
}

/// `|a - b| <= tolerance · max(|a|, |b|)`, or within `tolerance` absolutely near zero.
func isClose(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
    let difference = abs(a - b)
    return difference <= tolerance * max(abs(a), abs(b)) || difference <= tolerance
}

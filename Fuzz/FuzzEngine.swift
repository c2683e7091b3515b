// Shared by the engine's fuzz targets: a small engine in each arithmetic, made once per run
// and reused (its arena is the same memory every input; state carries over, as on a router
// that runs for months), and the reading of a fuzzer's bytes.
import KitsuneEmbedded

/// A small configuration: tables of a few entries (so that eviction and the tracker limits are
/// reached within an input), short grace periods (so that KitNET executes and incidents open).
func fuzzConfiguration() -> KitsuneConfiguration {
    var configuration = KitsuneConfiguration().scaledTables(1)
    configuration.kitNET.featureMapGrace = 40
    configuration.kitNET.anomalyDetectorGrace = 60
    configuration.detection.threshold = 0.5
    configuration.incidents.warmupSeconds = 0
    return configuration
}

/// Reads little-endian integers from the fuzzer's bytes, 0 past the end.
struct FuzzBytes {
    let base: UnsafePointer<UInt8>
    let count: Int
    var position = 0

    init(_ base: UnsafePointer<UInt8>, _ count: Int) {
        self.base = base
        self.count = count
    }

    var remaining: Int { count - position }

    mutating func u8() -> UInt8 {
        guard position < count else { return 0 }
        defer { position += 1 }
        return base[position]
    }

    mutating func u16() -> UInt16 { UInt16(u8()) | UInt16(u8()) << 8 }
    mutating func u32() -> UInt32 { UInt32(u16()) | UInt32(u16()) << 16 }
    mutating func u64() -> UInt64 { UInt64(u32()) | UInt64(u32()) << 32 }

    /// The next `length` bytes (fewer at the end).
    mutating func bytes(_ length: Int) -> UnsafeRawBufferPointer {
        let taken = min(length, remaining)
        defer { position += taken }
        return UnsafeRawBufferPointer(start: base + position, count: taken)
    }
}

/// Runs one packet through `engine` and drains its incident reports; checks what must hold.
@inline(never)
func process<Scalar: KitsuneScalar>(_ engine: Kitsune<Scalar>, _ frame: UnsafeRawBufferPointer, time: Int64,
                                    wireLength: UInt32) {
    let result = engine.process(frame, timestamp: time, wireLength: wireLength)
    precondition(result.score.doubleValue.isFinite, "a score that is not finite")
    while let event = engine.nextIncidentEvent() {
        precondition(event.peakScore.isFinite && event.severity.isFinite, "an incident report that is not finite")
    }
}

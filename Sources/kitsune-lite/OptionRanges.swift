import KitsuneEmbedded

/// The range of every numeric option, in one place: `CommandLineArguments.integer` and `real`
/// refuse a value outside it with the range in the message. The ranges are chosen so that
/// nothing the program computes from a value can overflow or become non-finite on any build
/// (a 32-bit router's `Int` ends at 2^31 - 1), and they are the engine's own where the engine
/// has one (`KitNETConfiguration`, `AfterImageConfiguration`), so that what the command line
/// accepts, the engine builds and a model written with it is read back.
enum OptionRanges {
    /// A range of whole numbers.
    struct Whole {
        let name: StaticString
        let lowest: Int64
        let highest: Int64
    }

    /// A range of real numbers; `lowest` itself is allowed only if `includesLowest`.
    struct Real {
        let name: StaticString
        let lowest: Double
        let includesLowest: Bool
        let highest: Double
    }

    /// 2^31 - 1: a count that a 32-bit router's `Int` holds.
    static let largestCount = Int64(Int32.max)
    static let longestGrace = Int64(KitNETConfiguration.longestGracePeriod)
    static let largestTable = Int64(AfterImageConfiguration.largestCapacity)
    /// Seconds a duration option may give: 31 years, within `PacketTime.longestDuration`.
    static let longestSeconds = 1e9

    static let wholeNumbers: [Whole] = [
        Whole(name: "--max-ae", lowest: 1, highest: Int64(KitNETConfiguration.largestAutoencoderSize)),
        Whole(name: "--fm-grace", lowest: 0, highest: longestGrace),
        Whole(name: "--ad-grace", lowest: 0, highest: longestGrace),
        Whole(name: "--calibration", lowest: 0, highest: Int64(KitNETConfiguration.longestCalibration)),
        Whole(name: "--packets", lowest: 1, highest: 1 << 62),
        Whole(name: "--snaplen", lowest: 64, highest: 262_144),
        // KiB: from 64 KiB to 1 GiB, whose bytes an Int32 holds.
        Whole(name: "--capture-buffer", lowest: 64, highest: 1 << 20),
        Whole(name: "--from-packet", lowest: 1, highest: 1 << 62),
        Whole(name: "--mac-host-streams", lowest: 1, highest: largestTable),
        Whole(name: "--host-streams", lowest: 2, highest: largestTable),
        Whole(name: "--jitter-streams", lowest: 1, highest: largestTable),
        Whole(name: "--socket-streams", lowest: 2, highest: largestTable),
        Whole(name: "--target-streams", lowest: 1, highest: largestTable),
        Whole(name: "--host-trackers", lowest: 1, highest: largestTable),
        Whole(name: "--socket-trackers", lowest: 1, highest: largestTable),
        Whole(name: "--trackers-per-stream", lowest: 1, highest: largestTable),
        Whole(name: "--eve-files", lowest: 1, highest: 1000),
        Whole(name: "--score-every", lowest: 1, highest: 1 << 30),
    ]

    static let reals: [Real] = [
        Real(name: "--learning-rate", lowest: 0, includesLowest: false, highest: KitNETConfiguration.largestLearningRate),
        Real(name: "--hidden-ratio", lowest: 0, includesLowest: false, highest: 1),
        // 1 - 1e-12 is still below 1 in float64; 1 - 1e-17 is 1, whose normal quantile is infinite.
        Real(name: "--false-alarm-rate", lowest: 1e-12, includesLowest: true, highest: 0.4999),
        Real(name: "--threshold", lowest: 0, includesLowest: false, highest: 1e300),
        Real(name: "--seconds", lowest: 0, includesLowest: false, highest: longestSeconds),
        Real(name: "--warmup", lowest: 0, includesLowest: true, highest: longestSeconds),
        Real(name: "--alert-window", lowest: 0, includesLowest: false, highest: longestSeconds),
        Real(name: "--incident-quiet", lowest: 0, includesLowest: false, highest: longestSeconds),
        // One report in 11.6 days at the least; a million a second at the most.
        Real(name: "--alert-rate", lowest: 1e-6, includesLowest: true, highest: 1e6),
        // 0: no cap of its own.
        Real(name: "--syslog-rate", lowest: 0, includesLowest: true, highest: 1e6),
    ]

    static func whole(_ name: String) -> Whole? {
        for range in wholeNumbers where name.isText(text(range.name)) { return range }
        return nil
    }

    static func real(_ name: String) -> Real? {
        for range in reals where name.isText(text(range.name)) { return range }
        return nil
    }
}

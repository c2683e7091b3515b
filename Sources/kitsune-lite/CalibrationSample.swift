import KitsuneEmbedded

/// The benign scores that set a model's threshold: a log-normal fit over all of them, and the
/// highest few with their packets, from which the threshold's own false-alarm rate and the false
/// incidents it would make are read.
struct CalibrationSample {
    var fit = LogNormalThreshold()
    /// The highest scores so far with their packets, highest first.
    var highest: [(record: PacketRecord, score: Double)] = []
    let keep: Int
    var firstTime = Int64.max
    var lastTime = Int64.min

    /// The most scores kept: an insertion costs up to this many moves, and each is a packet's
    /// record (a router trains too).
    static let largestKeep = 4096

    init(keep: Int = 256) {
        self.keep = keep
        highest.reserveCapacity(keep + 1)
    }

    /// Enough of the highest scores of `packets` to hold their own quantile at `falseAlarmRate`
    /// and every packet above a threshold at least that high (twice the rank, for the incidents
    /// of a given threshold), within `largestKeep`.
    init(packets: Int, falseAlarmRate: Double) {
        let rank = Double(packets) * falseAlarmRate
        self.init(keep: rank < Double(Self.largestKeep / 2 - 1) ? max(256, 2 * Int(rank) + 2) : Self.largestKeep)
    }

    /// Whether the sample's own quantile at `falseAlarmRate` is beyond the scores kept: the
    /// threshold is then the fit's alone.
    func isBeyondKept(falseAlarmRate: Double) -> Bool { empiricalQuantile(falseAlarmRate: falseAlarmRate) == nil }

    var count: Int64 { fit.count }

    /// Seconds from the first calibration packet to the last.
    var seconds: Double { lastTime > firstTime ? Double(lastTime - firstTime) * 1e-9 : 0 }

    mutating func add(_ record: PacketRecord, score: Double) {
        fit.add(score)
        if record.timestamp < firstTime { firstTime = record.timestamp }
        if record.timestamp > lastTime { lastTime = record.timestamp }
        guard score.isFinite, highest.count < keep || score > highest[highest.count - 1].score else { return }
        var index = highest.count
        while index > 0 && highest[index - 1].score < score { index -= 1 }
        highest.insert((record, score), at: index)
        if highest.count > keep { highest.removeLast() }
    }

    /// The score `falseAlarmRate` of the sample exceed: the (⌊n·rate⌋ + 1)-th highest; nil when
    /// that is beyond the few kept.
    func empiricalQuantile(falseAlarmRate: Double) -> Double? {
        let rank = Int(Double(fit.count) * falseAlarmRate)
        return rank < highest.count ? highest[rank].score : nil
    }

    /// The threshold for `falseAlarmRate`: the log-normal fit's quantile, but never below the
    /// sample's own quantile, so that the rate holds at least on the packets it was set on (a fit
    /// that assumes lighter tails than the traffic has would promise more than it keeps).
    func threshold(falseAlarmRate: Double) -> Double {
        let fitted = fit.threshold(falseAlarmRate: falseAlarmRate)
        guard let empirical = empiricalQuantile(falseAlarmRate: falseAlarmRate) else { return fitted }
        return max(fitted, empirical)
    }

    /// The calibration of a model: the threshold (`given`, or for `falseAlarmRate`), the fit,
    /// and what the threshold makes of the calibration packets: their time, the incidents it
    /// would open there, and the traffic's longest silence.
    func calibration(given: Double?, falseAlarmRate: Double, incidents: IncidentConfiguration,
                     longestGapSeconds: Double) -> ModelCalibration {
        let threshold = given ?? threshold(falseAlarmRate: falseAlarmRate)
        var calibration = ModelCalibration(threshold: threshold, meanLogScore: fit.mean, deviationLogScore: fit.deviation,
                                           packets: fit.count, falseAlarmRate: given == nil ? falseAlarmRate : 0)
        calibration.empiricalQuantile = empiricalQuantile(falseAlarmRate: falseAlarmRate) ?? 0
        calibration.seconds = seconds
        calibration.falseIncidents = incidents.incidents(among: highest, threshold: threshold)
        calibration.longestGapSeconds = longestGapSeconds
        return calibration
    }
}

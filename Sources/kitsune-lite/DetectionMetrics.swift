#if !KITSUNE_ROUTER
import CSupport

/// Per-packet detection metrics, with the conventions of the reference's `metrics.json`:
///
/// - ROC: a packet is flagged when its score is at least t, t running over the distinct scores;
///   the curve starts at (0, 0).
/// - AUC: the Mann-Whitney statistic with ties counted a half (the trapezoidal area under it).
/// - TPR at FPR <= x: the largest TPR over the ROC points whose FPR is at most x.
/// - EER: where FPR = FNR, interpolated linearly between the two ROC points where FPR - FNR
///   changes sign.
/// - A threshold flags a packet when its score is above it (strictly).
struct ROCCurve {
    /// (FPR, TPR, the score threshold reaching it), from (0, 0) to (1, 1).
    var points: [(falsePositiveRate: Double, truePositiveRate: Double, threshold: Double)] = []
    var positives = 0
    var negatives = 0
    var area = 0.0

    /// The curve of `scores[i]` for `isAttack[i]`, over the indices `packets`.
    init(scores: [Double], isAttack: (Int) -> Bool, packets: [Int]) {
        var order = packets
        order.sort { scores[$0] > scores[$1] }
        for index in packets { if isAttack(index) { positives += 1 } else { negatives += 1 } }
        points.append((0, 0, .infinity))
        guard positives > 0 && negatives > 0 else { return }
        var truePositives = 0, falsePositives = 0
        var twiceArea = 0.0  // in units of one positive by one negative
        var position = 0
        while position < order.count {
            let score = scores[order[position]]
            var groupPositives = 0, groupNegatives = 0
            while position < order.count && scores[order[position]] == score {
                if isAttack(order[position]) { groupPositives += 1 } else { groupNegatives += 1 }
                position += 1
            }
            // Each negative of the group ranks below the positives before it, and ties with the
            // group's positives (a half each).
            twiceArea += Double(groupNegatives) * Double(2 * truePositives + groupPositives)
            truePositives += groupPositives
            falsePositives += groupNegatives
            points.append((Double(falsePositives) / Double(negatives), Double(truePositives) / Double(positives), score))
        }
        area = twiceArea / 2 / (Double(positives) * Double(negatives))
    }

    func truePositiveRate(atFalsePositiveRate limit: Double) -> Double {
        var best = 0.0
        for point in points where point.falsePositiveRate <= limit && point.truePositiveRate > best {
            best = point.truePositiveRate
        }
        return best
    }

    /// The equal error rate, and the score threshold of the ROC point where FPR - FNR turns
    /// non-negative.
    var equalErrorRate: (rate: Double, threshold: Double) {
        for index in 1..<max(points.count, 1) {
            let a = points[index - 1], b = points[index]
            let before = a.falsePositiveRate - (1 - a.truePositiveRate)
            let after = b.falsePositiveRate - (1 - b.truePositiveRate)
            guard before < 0 && after >= 0 else { continue }
            let t = before / (before - after)
            let rate = a.falsePositiveRate + t * (b.falsePositiveRate - a.falsePositiveRate)
            // The threshold of the point reached, as the reference's metrics.json gives it.
            return (rate, b.threshold)
        }
        return (.nan, .nan)
    }

    /// At most about `limit` points, for drawing: those that move the curve by 1/`limit` or more.
    func thinned(to limit: Int) -> [(Double, Double)] {
        var kept: [(Double, Double)] = []
        let step = 1 / Double(limit)
        for point in points {
            if let last = kept.last, abs(point.falsePositiveRate - last.0) < step && abs(point.truePositiveRate - last.1) < step
                && point.falsePositiveRate < 1 {
                continue
            }
            kept.append((point.falsePositiveRate, point.truePositiveRate))
        }
        if let last = points.last, kept.last.map({ $0 != (last.falsePositiveRate, last.truePositiveRate) }) ?? true {
            kept.append((last.falsePositiveRate, last.truePositiveRate))
        }
        return kept
    }
}

/// What a fixed threshold makes of the packets: flagged when above it.
struct ThresholdOutcome {
    var threshold: Double
    var truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0
    /// Hours of traffic the packets span (0 without times).
    var hours = 0.0

    init(threshold: Double, scores: [Double], labels: [Bool], packets: Range<Int>, times: [Double]) {
        self.threshold = threshold
        for index in packets {
            let flagged = scores[index] > threshold
            switch (flagged, labels[index]) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, true): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
        }
        if !times.isEmpty, let first = packets.first, let last = packets.last { hours = (times[last] - times[first]) / 3600 }
    }

    var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
    var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }
    var falsePositiveRate: Double { Double(falsePositives) / Double(max(1, falsePositives + trueNegatives)) }
    var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
    var falseAlarmsPerHour: Double { hours > 0 ? Double(falsePositives) / hours : .nan }
}

/// Everything `eval` computes per packet.
struct PacketMetrics {
    var packets = 0, attacks = 0, benign = 0
    var roc: ROCCurve
    var auc: Double { roc.area }
    var equalErrorRate: (rate: Double, threshold: Double)
    var tprAt1e3: Double, tprAt1e2: Double
    var outcome: ThresholdOutcome?
    /// Per attack name: its packets and its AUC against every benign packet.
    var perAttack: [(name: String, packets: Int, auc: Double)] = []

    init(_ inputs: EvalInputs) {
        let evaluated = Array(inputs.evaluated)
        let labels = inputs.labels
        roc = ROCCurve(scores: inputs.scores, isAttack: { labels[$0] }, packets: evaluated)
        packets = evaluated.count
        attacks = roc.positives
        benign = roc.negatives
        equalErrorRate = roc.equalErrorRate
        tprAt1e3 = roc.truePositiveRate(atFalsePositiveRate: 1e-3)
        tprAt1e2 = roc.truePositiveRate(atFalsePositiveRate: 1e-2)
        if let threshold = inputs.threshold {
            outcome = ThresholdOutcome(threshold: threshold, scores: inputs.scores, labels: labels,
                                       packets: inputs.evaluated, times: inputs.times)
        }
        guard !inputs.attackOfPacket.isEmpty else { return }
        let benignPackets = evaluated.filter { !labels[$0] }
        for (attack, name) in inputs.attackNames.enumerated() {
            let own = evaluated.filter { inputs.attackOfPacket[$0] == attack }
            guard !own.isEmpty else { continue }
            let curve = ROCCurve(scores: inputs.scores, isAttack: { labels[$0] }, packets: own + benignPackets)
            perAttack.append((name, own.count, curve.area))
        }
    }
}
#endif

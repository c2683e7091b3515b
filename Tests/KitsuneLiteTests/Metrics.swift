// Detection metrics used by the score tests, with the conventions of the reference's
// `metrics.json`: ROC AUC as the Mann-Whitney U statistic with average ranks for ties, and
// Spearman's rank correlation as the Pearson correlation of average ranks.

enum Metrics {
    /// 1-based ranks of `values` in ascending order; tied values share the average of the ranks
    /// they span. NaN ranks above every number, and all NaNs tie with each other.
    static func averageRanks(_ values: [Double]) -> [Double] {
        let n = values.count
        let order = (0..<n).sorted { less(values[$0], values[$1]) }
        var ranks = [Double](repeating: 0, count: n)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && same(values[order[start]], values[order[end]]) { end += 1 }
            // Positions start..<end (0-based) hold ranks start+1 ... end: their mean.
            let rank = Double(start + 1 + end) / 2
            for k in start..<end { ranks[order[k]] = rank }
            start = end
        }
        return ranks
    }

    /// Area under the ROC curve of `scores` (higher = more anomalous) against `labels`
    /// (`true` = positive / attack), by the rank-sum formula:
    /// `AUC = (R1 - n1 (n1 + 1) / 2) / (n1 n0)` with `R1` the sum of the positives' average
    /// ranks. Ties between a positive and a negative count one half. NaN if either class is
    /// empty.
    static func rocAUC(scores: [Double], labels: [Bool]) -> Double {
        precondition(scores.count == labels.count, "scores and labels differ in length")
        let ranks = averageRanks(scores)
        var positives = 0.0
        var rankSum = 0.0
        for (rank, label) in zip(ranks, labels) where label {
            positives += 1
            rankSum += rank
        }
        let negatives = Double(scores.count) - positives
        guard positives > 0, negatives > 0 else { return .nan }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
    }

    /// The true-positive rate at a false-positive rate of at most `rate`, as the reference's
    /// `metrics.json` gives it: the largest TPR over ROC points (a packet flagged when its score
    /// is at least the threshold) whose FPR is at most `rate`. NaN if either class is empty.
    static func truePositiveRate(scores: [Double], labels: [Bool], atFalsePositiveRate rate: Double) -> Double {
        precondition(scores.count == labels.count, "scores and labels differ in length")
        let benign = zip(scores, labels).filter { !$0.1 }.map(\.0).sorted(by: >)
        let attacks = zip(scores, labels).filter { $0.1 }.map(\.0)
        guard !benign.isEmpty, !attacks.isEmpty else { return .nan }
        // At most k benign packets may be flagged: the threshold lies above the (k+1)-th highest.
        let allowed = Int((rate * Double(benign.count)).rounded(.down))
        guard allowed < benign.count else { return 1 }
        let above = benign[allowed]
        return Double(attacks.filter { $0 > above }.count) / Double(attacks.count)
    }

    /// Spearman's rank correlation (Pearson correlation of average ranks). NaN if either side
    /// is constant or the lengths are below 2.
    static func spearman(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "samples differ in length")
        guard a.count >= 2 else { return .nan }
        return pearson(averageRanks(a), averageRanks(b))
    }

    /// Pearson's correlation coefficient. NaN if either side is constant.
    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "samples differ in length")
        let n = Double(a.count)
        guard n >= 2 else { return .nan }
        let meanA = a.reduce(0, +) / n
        let meanB = b.reduce(0, +) / n
        var sab = 0.0
        var saa = 0.0
        var sbb = 0.0
        for (x, y) in zip(a, b) {
            let dx = x - meanA
            let dy = y - meanB
            sab += dx * dy
            saa += dx * dx
            sbb += dy * dy
        }
        guard saa > 0, sbb > 0 else { return .nan }
        return sab / (saa.squareRoot() * sbb.squareRoot())
    }

    private static func less(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN { return false }
        if b.isNaN { return true }
        return a < b
    }

    private static func same(_ a: Double, _ b: Double) -> Bool {
        a == b || (a.isNaN && b.isNaN)
    }
}

// Unit tests of the test-side metrics on tiny, hand-checked examples.

import Testing

@Suite struct MetricsTests {
    @Test func averageRanksWithoutTies() {
        #expect(Metrics.averageRanks([30, 10, 20]) == [3, 1, 2])
    }

    @Test func averageRanksShareTies() {
        // 1 -> rank 1; the two 2s span ranks 2,3 -> 2.5; 5 -> 4; the three 7s span 5,6,7 -> 6.
        #expect(Metrics.averageRanks([7, 2, 5, 7, 1, 2, 7]) == [6, 2.5, 4, 6, 1, 2.5, 6])
        #expect(Metrics.averageRanks([4, 4, 4, 4]) == [2.5, 2.5, 2.5, 2.5])
        #expect(Metrics.averageRanks([]) == [])
    }

    @Test func averageRanksPutNaNLast() {
        #expect(Metrics.averageRanks([.nan, 1, .nan, 0]) == [3.5, 2, 3.5, 1])
    }

    @Test func aucOfPerfectSeparationIsOne() {
        let auc = Metrics.rocAUC(scores: [0.1, 0.2, 0.3, 0.8, 0.9], labels: [false, false, false, true, true])
        #expect(auc == 1)
    }

    @Test func aucOfReversedSeparationIsZero() {
        let auc = Metrics.rocAUC(scores: [0.9, 0.8, 0.3, 0.2, 0.1], labels: [false, false, false, true, true])
        #expect(auc == 0)
    }

    @Test func aucOfAllTiedIsOneHalf() {
        let auc = Metrics.rocAUC(scores: [0.5, 0.5, 0.5, 0.5], labels: [true, false, true, false])
        #expect(auc == 0.5)
    }

    @Test func aucHandChecked() {
        // Positives 0.4, 0.8; negatives 0.1, 0.4, 0.6. Pairs (pos > neg counts 1, tie 1/2):
        // 0.4: beats 0.1, ties 0.4, loses 0.6 -> 1.5; 0.8: beats all three -> 3. (1.5+3)/6 = 0.75.
        let auc = Metrics.rocAUC(
            scores: [0.1, 0.4, 0.4, 0.6, 0.8], labels: [false, true, false, false, true])
        #expect(abs(auc - 0.75) < 1e-15)
    }

    @Test func aucOfOneClassIsNaN() {
        #expect(Metrics.rocAUC(scores: [1, 2], labels: [true, true]).isNaN)
        #expect(Metrics.rocAUC(scores: [1, 2], labels: [false, false]).isNaN)
    }

    @Test func spearmanOfMonotoneTransformIsOne() {
        let x: [Double] = [0.3, 1.7, -2, 5, 4.2, 0]
        let y = x.map { $0 * $0 * $0 + 10 }  // strictly increasing in x
        #expect(abs(Metrics.spearman(x, y) - 1) < 1e-12)
    }

    @Test func spearmanOfDecreasingTransformIsMinusOne() {
        let x: [Double] = [1, 2, 3, 4, 5]
        let y = x.map { -2 * $0 }
        #expect(abs(Metrics.spearman(x, y) + 1) < 1e-12)
    }

    @Test func spearmanHandChecked() {
        // Ranks x: 1 2 3 4 5, ranks y: 2 1 4 3 5; sum d^2 = 4; rho = 1 - 6*4/(5*24) = 0.8.
        let rho = Metrics.spearman([1, 2, 3, 4, 5], [20, 10, 40, 30, 50])
        #expect(abs(rho - 0.8) < 1e-12)
    }

    @Test func spearmanWithTies() {
        // x ranks: 1.5 1.5 3 4; y ranks: 1 2 3 4. Pearson of those: 0.9486832980505138.
        let rho = Metrics.spearman([1, 1, 2, 3], [1, 2, 3, 4])
        #expect(abs(rho - 0.9486832980505138) < 1e-12)
    }

    @Test func spearmanOfConstantIsNaN() {
        #expect(Metrics.spearman([1, 1, 1], [1, 2, 3]).isNaN)
    }
}

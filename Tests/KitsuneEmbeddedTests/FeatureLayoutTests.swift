import KitsuneEmbedded
import Testing

/// The layout is the reference's: every column, named as the reference names it, is where
/// `features-header.txt` has it; and the q16 scales follow the units.
struct FeatureLayoutTests {
    /// The reference's name of a column: `MI_dir_5_weight`, `HH_0.1_radius_0_1`, `HpHp_1_pcc_0_1`.
    static func referenceName(_ column: FeatureColumn, lambdas: [Double]) -> String {
        let prefix: String
        switch column.family {
        case .macHost: prefix = "MI_dir"
        case .host: prefix = "HH"
        case .hostJitter: prefix = "HH_jit"
        case .socket: prefix = "HpHp"
        case .target: prefix = "Target"  // not the reference's: the extended set's
        }
        let lambda = lambdas[column.lambdaIndex]
        let lambdaText = lambda == lambda.rounded() ? String(Int(lambda)) : String(lambda)
        let statistic: String
        switch column.statistic {
        case .weight: statistic = "weight"
        case .mean: statistic = "mean"
        case .variance: statistic = "std"  // the reference's name for its variance
        case .radius: statistic = "radius"
        case .magnitude: statistic = "magnitude"
        case .covariance: statistic = "covariance"
        case .correlation: statistic = "pcc"
        case .sum: statistic = "sum"
        }
        let twoSided = column.family == .host || column.family == .socket
        let suffix = !twoSided ? "" : column.statistic.rawValue < FeatureStatistic.radius.rawValue ? "_0" : "_0_1"
        return prefix + "_" + lambdaText + "_" + statistic + suffix
    }

    @Test func columnsAreWhereTheReferenceHasThem() throws {
        let header = try ReferenceData.lines("dev/reference/features-header.txt").map(String.init)
        let layout = FeatureLayout(lambdas: AfterImageConfiguration().lambdas, featureSet: .reference)
        #expect(layout.featureCount == 100)
        #expect(header.count == layout.featureCount)
        for index in 0..<min(header.count, layout.featureCount) {
            #expect(Self.referenceName(layout.column(index), lambdas: layout.lambdas) == header[index], "column \(index)")
        }
        #expect(layout.offset(of: .macHost) == 0)
        #expect(layout.offset(of: .host) == 15)
        #expect(layout.offset(of: .hostJitter) == 50)
        #expect(layout.offset(of: .socket) == 65)
        #expect(layout.window(ofLambda: 3) == 10)
    }

    /// Q16 scales by unit (docs/fixed-point.md): weights ÷ 32, bytes ÷ 2, bytes² ÷ 128; an
    /// accumulator that counts sizes in 4-byte units has already divided bytes by 4.
    @Test func narrowingFollowsTheUnit() {
        let layout = AfterImageConfiguration().layout
        let units = (0..<100).map { layout.column($0).unit }
        #expect(units[0] == .weight && units[1] == .bytes && units[2] == .bytesSquared)
        #expect(units[18] == .bytesSquared && units[19] == .bytes && units[20] == .bytesSquared && units[21] == .correlation)
        #expect(units[51] == .seconds && units[52] == .secondsSquared)
        let bits = (0..<100).map { layout.column($0).narrowingBits(accumulatorSizeUnitBits: 0) }
        #expect(bits[0] == 5 && bits[1] == 1 && bits[2] == 7 && bits[21] == 0 && bits[51] == 0)
        let fourByteUnits = (0..<100).map { layout.column($0).narrowingBits(accumulatorSizeUnitBits: 2) }
        #expect(fourByteUnits[0] == 5 && fourByteUnits[1] == -1 && fourByteUnits[2] == 3 && fourByteUnits[52] == 0)
    }

    /// The extended set keeps the reference's 100 columns where they are and adds the target's
    /// after them: per λ, new sources (a count, scaled as a weight) and their share.
    @Test func theExtendedSetAddsTheTargetAfterTheReference() throws {
        var configuration = AfterImageConfiguration()
        configuration.featureSet = .reference
        let reference = configuration.layout
        configuration.featureSet = .extended
        let extended = configuration.layout
        #expect(extended.featureCount == 110)
        for index in 0..<100 { #expect(extended.column(index) == reference.column(index), "column \(index)") }
        #expect(extended.offset(of: .target) == 100)
        #expect(extended.column(100) == FeatureColumn(family: .target, lambdaIndex: 0, statistic: .sum))
        #expect(extended.column(109) == FeatureColumn(family: .target, lambdaIndex: 4, statistic: .mean))
        #expect(extended.column(100).unit == .weight && extended.column(101).unit == .share)
        #expect(extended.column(100).narrowingBits(accumulatorSizeUnitBits: 2) == 5)
        #expect(extended.column(101).narrowingBits(accumulatorSizeUnitBits: 2) == 0)
        // Only the target's columns have a least range, so the reference's train exactly as before.
        for index in 0..<110 {
            let range = extended.column(index).leastRange
            #expect((range != nil) == (index >= 100), "column \(index)")
            if let range { #expect(range.minimum == 0 && range.maximum == 1) }
        }
        #expect(FeatureSet(rawValue: 1) == .extended && FeatureSet(rawValue: 0) == .reference && FeatureSet(rawValue: 2) == nil)
    }
}

/// Which column of the feature vector is which: the one description of the vector that AfterImage
/// writes, KitNET's narrowing scales, model conversion and explanations read.
///
/// The vector holds each family in turn (MI, HH, HH jitter, HpHp, and in the extended set the
/// target's side), and within a family each decay rate in turn, each with the family's
/// statistics: for the reference's five λ, 15 + 35 + 15 + 35 = 100 columns, as the reference's
/// `features-header.txt` names them, and 10 more in the extended set.
public struct FeatureLayout: Equatable, Sendable {
    /// The decay rates λ per second, in column order.
    public let lambdas: [Double]
    /// The families in vector order.
    public let families: [StreamFamily]
    public let featureSet: FeatureSet

    @inlinable public init(lambdas: [Double], featureSet: FeatureSet = .reference) {
        self.lambdas = lambdas
        self.featureSet = featureSet
        families = featureSet.families
    }

    /// Columns per packet.
    @inlinable public var featureCount: Int {
        var count = 0
        for family in families { count += columns(of: family) }
        return count
    }

    /// The columns a family takes: its statistics for every λ.
    @inlinable public func columns(of family: StreamFamily) -> Int { family.statisticCount * lambdas.count }

    /// The first column of `family` (its first λ's first statistic).
    @inlinable public func offset(of family: StreamFamily) -> Int {
        var offset = 0
        for other in families {
            if other == family { return offset }
            offset += columns(of: other)
        }
        preconditionFailure("the layout has no such family")
    }

    /// What column `index` holds.
    @inlinable public func column(_ index: Int) -> FeatureColumn {
        precondition(index >= 0 && index < featureCount, "no such feature column")
        var start = 0
        for family in families {
            let count = columns(of: family)
            if index < start + count {
                let within = index - start
                return FeatureColumn(family: family, lambdaIndex: within / family.statisticCount,
                                     statistic: family.statistics[within % family.statisticCount])
            }
            start += count
        }
        preconditionFailure("unreachable")
    }

    /// The half-life of a decay rate in seconds, `1/λ`: the "window" a column's statistic sees
    /// (its weight halves every 1/λ seconds).
    @inlinable public func window(ofLambda lambdaIndex: Int) -> Double { 1 / lambdas[lambdaIndex] }
}

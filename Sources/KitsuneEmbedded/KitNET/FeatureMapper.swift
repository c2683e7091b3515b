/// The reference's incremental correlation clustering (`corClust`): running sums over the
/// first instances, from which a correlation distance between features is derived and the
/// features are grouped into autoencoders of at most `m` inputs.
///
/// It runs in the arithmetic's accumulator type (KitNET's `FeatureMapper<Scalar.Accumulator>`):
/// sums of squares over thousands of instances do not fit Q16.
public final class FeatureMapper<Scalar: KitsuneScalar> {
    public let featureCount: Int
    public private(set) var instances = 0
    let sum: FixedBuffer<Scalar>
    let residualSum: FixedBuffer<Scalar>
    let residualSquares: FixedBuffer<Scalar>
    /// `featureCount²` residual products, row-major; only the upper triangle (`j ≥ i`) is kept:
    /// `r_i·r_j` and `r_j·r_i` are the same number in any arithmetic, so the matrix the reference
    /// sums is exactly symmetric, and half of it is work thrown away.
    let products: FixedBuffer<Scalar>
    let residual: FixedBuffer<Scalar>

    public init(featureCount: Int, in arena: MemoryArena) {
        self.featureCount = featureCount
        sum = FixedBuffer(repeating: .zero, count: featureCount, in: arena)
        residualSum = FixedBuffer(repeating: .zero, count: featureCount, in: arena)
        residualSquares = FixedBuffer(repeating: .zero, count: featureCount, in: arena)
        products = FixedBuffer(repeating: .zero, count: featureCount * featureCount, in: arena)
        residual = FixedBuffer(repeating: .zero, count: featureCount, in: arena)
    }

    public static func footprint(featureCount: Int) -> Int {
        4 * FixedBuffer<Scalar>.footprint(count: featureCount)
            + FixedBuffer<Scalar>.footprint(count: featureCount * featureCount)
    }

    /// `N += 1; c += x; r = x - c/N; c_r += r; c_rs += r²; C += r·rᵀ`.
    /// The instance may be in a narrower type whose accumulator this mapper's type is.
    public func update<Instance: KitsuneScalar>(_ x: UnsafePointer<Instance>) where Instance.Accumulator == Scalar {
        instances += 1
        let count = Scalar(integer: instances)
        let n = featureCount
        for i in 0..<n {
            let value = x[i].widened
            sum[i] += value
            let r = value - sum[i] / count
            residual[i] = r
            residualSum[i] += r
            residualSquares[i] += r * r
        }
        for i in 0..<n {
            let ri = residual[i]
            let row = i * n
            for j in i..<n { products[row + j] += ri * residual[j] }
        }
    }

    /// The correlation distance between features `i` and `j`: `1 - C_ij / (√c_rs_i · √c_rs_j)`,
    /// a zero denominator replaced by 1e-100, negatives clamped to 0 (as the reference).
    public func distance(_ i: Int, _ j: Int) -> Double {
        Scalar.correlationDistance(product: products[min(i, j) * featureCount + max(i, j)], squaresI: residualSquares[i],
                                   squaresJ: residualSquares[j])
    }

    /// The feature map: groups of at most `maximumSize` feature indices, in autoencoder order.
    public func cluster(maximumSize: Int) -> [[Int]] {
        SingleLinkage.featureMap(count: featureCount, maximumSize: maximumSize) { distance($0, $1) }
    }
}

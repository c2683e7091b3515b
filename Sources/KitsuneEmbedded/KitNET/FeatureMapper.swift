/// The reference's incremental correlation clustering (`corClust`): running sums over the
/// first instances, from which a correlation distance between features is derived and the
/// features are grouped into autoencoders of at most `m` inputs.
///
/// It runs in the arithmetic's accumulator type (KitNET's `FeatureMapper<Scalar.Accumulator>`):
/// sums of squares over thousands of instances do not fit Q16.
public final class FeatureMapper<Scalar: AccumulatorScalar> {
    public let featureCount: Int
    @usableFromInline let instanceCount: ArenaCell<Int>
    public var instances: Int { instanceCount.value }
    @usableFromInline let sum: FixedBuffer<Scalar>
    @usableFromInline let residualSum: FixedBuffer<Scalar>
    @usableFromInline let residualSquares: FixedBuffer<Scalar>
    /// `featureCount²` residual products, row-major; only the upper triangle (`j ≥ i`) is kept:
    /// `r_i·r_j` and `r_j·r_i` are the same number in any arithmetic, so the matrix the reference
    /// sums is exactly symmetric, and half of it is work thrown away.
    @usableFromInline let products: FixedBuffer<Scalar>
    @usableFromInline let residual: FixedBuffer<Scalar>

    public init(featureCount: Int, in arena: MemoryArena) {
        self.featureCount = featureCount
        sum = FixedBuffer(repeating: .zero, count: featureCount, in: arena)
        residualSum = FixedBuffer(repeating: .zero, count: featureCount, in: arena)
        residualSquares = FixedBuffer(repeating: .zero, count: featureCount, in: arena)
        products = FixedBuffer(repeating: .zero, count: featureCount * featureCount, in: arena)
        residual = FixedBuffer(repeating: .zero, count: featureCount, in: arena)
        instanceCount = ArenaCell(0, in: arena)
    }

    /// `N += 1; c += x; r = x - c/N; c_r += r; c_rs += r²; C += r·rᵀ`.
    /// The instance may be in a narrower type whose accumulator this mapper's type is.
    @inlinable public func update<Instance: KitsuneScalar>(_ x: UnsafePointer<Instance>) where Instance.Accumulator == Scalar {
        instanceCount.value += 1
        let count = Scalar(integer: instanceCount.value)
        let n = featureCount
        for i in 0..<n {
            let value = x[i].widened
            sum[i] += value
            let r = value - sum[i] / count
            residual[i] = r
            residualSum[i] += r
            residualSquares[i] += r * r
        }
        let residuals = residual.base, rows = products.base
        for i in 0..<n {
            Scalar.addProducts(rows + i * n + i, count: n - i, scale: residuals[i], times: residuals + i)
        }
    }

    /// The correlation distance between features `i` and `j`: `1 - C_ij / (√c_rs_i · √c_rs_j)`,
    /// a zero denominator replaced by 1e-100, negatives clamped to 0 (as the reference).
    @inlinable public func distance(_ i: Int, _ j: Int) -> Double {
        Scalar.correlationDistance(product: products[min(i, j) * featureCount + max(i, j)], squaresI: residualSquares[i],
                                   squaresJ: residualSquares[j])
    }

    /// The feature map: groups of at most `maximumSize` feature indices, in autoencoder order.
    ///
    /// The reference's, with one difference: features that did not vary at all while the map was
    /// learned (no residual) are grouped in index order, `maximumSize` to an autoencoder, after
    /// the others. The reference sets their distance to every feature to 1 (its 1e-100
    /// denominator), and single linkage over such ties is a chain that its cut peels one leaf at
    /// a time: on traffic that starts with a flood of identical packets (every feature constant)
    /// that made 91 autoencoders and an output layer of 91 × 69 weights, a quarter of the speed.
    /// Where every feature varies, as in all the captures of ../shared/data, the map is the
    /// reference's exactly.
    @inlinable public func cluster(maximumSize: Int) -> [[Int]] {
        let constant = (0..<featureCount).filter { residualSquares[$0] == .zero }
        guard !constant.isEmpty else {
            return SingleLinkage.featureMap(count: featureCount, maximumSize: maximumSize) { distance($0, $1) }
        }
        let varying = (0..<featureCount).filter { residualSquares[$0] != .zero }
        var map = SingleLinkage.featureMap(count: varying.count, maximumSize: maximumSize) {
            distance(varying[$0], varying[$1])
        }.map { group in group.map { varying[$0] } }
        let size = max(1, maximumSize)
        for start in stride(from: 0, to: constant.count, by: size) {
            map.append(Array(constant[start..<min(start + size, constant.count)]))
        }
        return map
    }
}

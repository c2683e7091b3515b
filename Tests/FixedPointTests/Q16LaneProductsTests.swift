import FixedPoint
import Testing

/// The four-lane Q16 kernels against their definitions, lane by lane: the same bits and the
/// same saturations counted, on values that saturate as well as on ordinary ones.
struct Q16LaneProductsTests {
    typealias Values = TestValues

    /// A lane's exact sum of raw products, rounded once and saturated: what each kernel's lane
    /// must give.
    static func roundedSum(_ products: [(Q16, Q16)]) -> Q16 {
        var sum: Int64 = 0
        for (x, w) in products { sum &+= Int64(x.raw) * Int64(w.raw) }
        return Q16(saturating: (sum &+ (1 << 15)) >> 16, kind: .multiplication)
    }

    @Test func productsOfLanesAreEachLanesExactSumRoundedOnce() {
        var values = Values(state: 14)
        for (rows, columns) in [(1, 1), (3, 2), (10, 8), (7, 5)] {
            let vector = values.buffer(rows * 4), matrix = values.buffer(rows * columns * 4)
            var expected = [Q16](repeating: .zero, count: columns * 4)
            let before = Saturations.current
            for j in 0..<columns {
                for lane in 0..<4 {
                    expected[j * 4 + lane] = Self.roundedSum((0..<rows).map {
                        (vector[$0 * 4 + lane], matrix[($0 * columns + j) * 4 + lane])
                    })
                }
            }
            let expectedSaturations = Saturations.current - before
            var sums = [Q16](repeating: .zero, count: columns * 4)
            let start = Saturations.current
            Q16.multiplyLanewise(vector, rows: rows, byColumnsOf: matrix, columns: columns, into: &sums)
            #expect(sums == expected)
            #expect(Saturations.current - start == expectedSaturations)
            #expect(expectedSaturations.multiplications > 0 || rows < 3)

            // The transposed product reads the same matrix along its rows.
            let hidden = values.buffer(columns * 4)
            var reconstructed = [Q16](repeating: .zero, count: rows * 4)
            var expectedReconstruction = reconstructed
            for i in 0..<rows {
                for lane in 0..<4 {
                    expectedReconstruction[i * 4 + lane] = Self.roundedSum((0..<columns).map {
                        (hidden[$0 * 4 + lane], matrix[(i * columns + $0) * 4 + lane])
                    })
                }
            }
            Q16.multiplyLanewise(hidden, columns: columns, byRowsOf: matrix, rows: rows, into: &reconstructed)
            #expect(reconstructed == expectedReconstruction)
        }
    }

    @Test func gradientStepIsTheOperatorsOneByOne() {
        var values = Values(state: 16)
        let rows = 9, columns = 7
        var saturatingSteps = 0
        for _ in 0..<50 {
            let a = values.buffer(rows * 4), b = values.buffer(columns * 4)
            let c = values.buffer(rows * 4), d = values.buffer(columns * 4)
            let rate = values.q16()
            let matrix = values.buffer(rows * columns * 4)
            var expected = matrix
            let before = Saturations.current
            for i in 0..<rows {
                for j in 0..<columns {
                    for lane in 0..<4 {
                        let at = (i * columns + j) * 4 + lane
                        expected[at] = matrix[at] + rate * (a[i * 4 + lane] * b[j * 4 + lane] + c[i * 4 + lane] * d[j * 4 + lane])
                    }
                }
            }
            let expectedSaturations = Saturations.current - before
            if expectedSaturations.total > 0 { saturatingSteps += 1 }
            var updated = matrix
            let start = Saturations.current
            Q16.addOuterProductsLanewise(to: &updated, rows: rows, columns: columns, rate: rate, a, b, c, d)
            #expect(updated == expected)
            #expect(Saturations.current - start == expectedSaturations)

            // One autoencoder's step (lane 0 alone), with its transposed copy.
            let rowsOfLane0 = (0..<rows).map { a[$0 * 4] }, columnsOfLane0 = (0..<columns).map { b[$0 * 4] }
            let cOfLane0 = (0..<rows).map { c[$0 * 4] }, dOfLane0 = (0..<columns).map { d[$0 * 4] }
            var single = (0..<(rows * columns)).map { matrix[$0 * 4] }
            var transposed = [Q16](repeating: .zero, count: rows * columns)
            let lane0Start = Saturations.current
            for i in 0..<rows {
                for j in 0..<columns {
                    _ = matrix[(i * columns + j) * 4] + rate * (a[i * 4] * b[j * 4] + c[i * 4] * d[j * 4])
                }
            }
            let lane0Saturations = Saturations.current - lane0Start
            let singleStart = Saturations.current
            Q16.addOuterProducts(to: &single, transposed: &transposed, rows: rows, columns: columns, rate: rate,
                                 rowsOfLane0, columnsOfLane0, cOfLane0, dOfLane0)
            #expect(single == (0..<(rows * columns)).map { expected[$0 * 4] })
            #expect((0..<rows).allSatisfy { i in (0..<columns).allSatisfy { j in transposed[j * rows + i] == single[i * columns + j] } })
            #expect(Saturations.current - singleStart == lane0Saturations)
        }
        // Both paths were taken: steps within range, and steps that saturate.
        #expect(saturatingSteps > 0)
    }
}

/// A reproducible stream of raw Q16 values: mostly small (as KitNET's are), some anywhere in
/// Int32, some at its ends.
extension TestValues {
    mutating func q16() -> Q16 {
        let bits = next()
        switch bits % 8 {
        case 0: return Q16(raw: Int32(truncatingIfNeeded: bits >> 32))
        case 1: return bits & 256 == 0 ? .max : .min
        default: return Q16(raw: Int32(truncatingIfNeeded: Int64(bitPattern: bits) >> 43))
        }
    }

    mutating func buffer(_ count: Int) -> [Q16] { (0..<count).map { _ in q16() } }
}

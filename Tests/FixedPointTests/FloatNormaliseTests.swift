import FixedPoint
import Testing

/// `Float.normalise`, eight lanes at a time with one integer test of all of them, against its
/// definition lane by lane: the same bits, and the same quotients counted as limited, on
/// quotients at, just inside and just beyond the limit, infinite and NaN, in every lane.
struct FloatNormaliseTests {
    static let limit: Float = 1e6
    static let epsilon: Float = 1e-16

    /// The definition: the quotient, or the limit of its sign when its magnitude exceeds the
    /// limit or it is NaN (the upper one).
    static func normalised(_ x: Float, minimum: Float, maximum: Float) -> (value: Float, limited: Bool) {
        let quotient = (x - minimum) / (maximum - minimum + epsilon)
        guard !(quotient.magnitude <= limit) else { return (quotient, false) }
        return (quotient < 0 ? -limit : limit, true)
    }

    /// Values whose quotients over [0, 1] (range 1 + ε rounds to 1) are `quotient` itself.
    static let edges: [Float] = [
        0, -0.0, 0.5, -0.5, limit, -limit, limit.nextDown, (-limit).nextUp, limit.nextUp, (-limit).nextDown,
        1e30, -1e30, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity, .nan,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
    ]

    @Test func everyLaneIsItsDefinitionWhereverTheExceptionFalls() {
        var random = TestValues(state: 0x1234_5678)
        func next() -> UInt64 { random.next() }
        var checked = 0, limitedSeen = 0
        for round in 0..<4_000 {
            // Counts around the vector's width, so that exceptions fall in full and partial vectors.
            let count = 1 + round % 29
            var values = [Float](repeating: 0, count: count + 8)
            var minima = [Float](repeating: 0, count: count + 8)
            var maxima = [Float](repeating: 1, count: count + 8)
            for k in 0..<count {
                switch next() % 4 {
                case 0: values[k] = Self.edges[Int(next() % UInt64(Self.edges.count))]
                case 1:
                    // An ordinary feature over an ordinary range.
                    minima[k] = Float(Int(next() % 2_000) - 1_000)
                    maxima[k] = minima[k] + Float(next() % 5_000) / 7
                    values[k] = minima[k] + Float(Int(next() % 20_000) - 5_000) / 3
                default: values[k] = Float(Int(next() % 4_000_001) - 2_000_000)
                }
            }
            let expected = (0..<count).map { Self.normalised(values[$0], minimum: minima[$0], maximum: maxima[$0]) }
            var limited: Int64 = 0
            values.withUnsafeMutableBufferPointer { x in
                Float.normalise(x.baseAddress!, minima: minima, maxima: maxima, count: count,
                                epsilon: Self.epsilon, limit: Self.limit, limited: &limited)
            }
            for k in 0..<count {
                #expect(values[k].bitPattern == expected[k].value.bitPattern, "round \(round), lane \(k)")
            }
            let expectedLimited = expected.filter(\.limited).count
            #expect(limited == Int64(expectedLimited), "round \(round)")
            checked += count
            limitedSeen += expectedLimited
        }
        // The inputs must have exercised both roads.
        #expect(checked > 50_000 && limitedSeen > 5_000)
    }

    @Test func quotientsExactlyAtTheLimitAreNotLimited() {
        for sign: Float in [1, -1] {
            var values = [Float](repeating: sign * Self.limit, count: 16)
            let minima = [Float](repeating: 0, count: 16), maxima = [Float](repeating: 1, count: 16)
            var limited: Int64 = 0
            Float.normalise(&values, minima: minima, maxima: maxima, count: 16, epsilon: Self.epsilon,
                            limit: Self.limit, limited: &limited)
            #expect(limited == 0)
            #expect(values.allSatisfy { $0 == sign * Self.limit })
            // One ulp beyond, in the last lane of the second vector only.
            values = [Float](repeating: 0, count: 16)
            values[15] = sign * Self.limit.nextUp
            Float.normalise(&values, minima: minima, maxima: maxima, count: 16, epsilon: Self.epsilon,
                            limit: Self.limit, limited: &limited)
            #expect(limited == 1)
            #expect(values[15] == sign * Self.limit)
        }
    }

    /// The test of all eight lanes alone: true exactly when every lane is within the limit, so
    /// that neither road (the vector's store, the lane-by-lane limiting) takes a vector the
    /// other should. A test that always said no would pass the tests above.
    @Test func allLanesWithinIsExactlyEveryLaneWithin() {
        let inside: [Float] = [0, -0.0, 1, -1, Self.limit, -Self.limit, Self.limit.nextDown, .leastNonzeroMagnitude,
                               -.leastNonzeroMagnitude, .leastNormalMagnitude, 12_345.678]
        let outside: [Float] = [Self.limit.nextUp, -Self.limit.nextUp, .infinity, -.infinity, .nan,
                                Float(bitPattern: 0xFFC0_0000), .greatestFiniteMagnitude, -1e30]
        var random = TestValues(state: 99)
        func next() -> Int { Int(random.next() >> 33) }
        for _ in 0..<2_000 {
            var lanes = SIMD8<Float>()
            for lane in 0..<8 { lanes[lane] = inside[next() % inside.count] }
            #expect(Float.isWithin(lanes, Self.limit), "\(lanes)")
            for lane in 0..<8 {
                var beyond = lanes
                beyond[lane] = outside[next() % outside.count]
                #expect(!Float.isWithin(beyond, Self.limit), "\(beyond)")
            }
        }
    }
}

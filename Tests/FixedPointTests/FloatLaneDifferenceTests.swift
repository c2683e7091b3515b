import FixedPoint
import Testing

/// `Float.subtractLanewise`, four lanes at a time, against `x - z` one float at a time: the same
/// bits for any floats (infinite, NaN, signed zeros among them), and nothing written past the
/// rows it was given.
struct FloatLaneDifferenceTests {
    static let specials: [Float] = [0, -0.0, .infinity, -.infinity, .nan, .greatestFiniteMagnitude,
                                    .leastNonzeroMagnitude, 1, -1]

    @Test func everyLaneIsItsOwnDifference() {
        var random = TestValues(state: 0x5EED_D1FF)
        func value() -> Float {
            let bits = random.next()
            return bits & 7 == 0 ? Self.specials[Int(bits >> 8) % Self.specials.count]
                : Float(bitPattern: UInt32(truncatingIfNeeded: bits >> 16))
        }
        var checked = 0
        for rows in 0...9 {
            for _ in 0..<200 {
                let minuends = (0..<rows * 4).map { _ in value() }
                let original = (0..<rows * 4 + 4).map { _ in value() }
                var values = original
                values.withUnsafeMutableBufferPointer { z in
                    minuends.withUnsafeBufferPointer { Float.subtractLanewise(z.baseAddress!, from: $0.baseAddress!, rows: rows) }
                }
                for index in 0..<rows * 4 {
                    let expected = minuends[index] - original[index]
                    #expect(values[index].bitPattern == expected.bitPattern
                            || (values[index].isNaN && expected.isNaN), "row \(index / 4), lane \(index % 4)")
                    checked += 1
                }
                // The four floats after the last row are not touched.
                #expect(values[(rows * 4)...].map(\.bitPattern) == original[(rows * 4)...].map(\.bitPattern))
            }
        }
        #expect(checked == 200 * 4 * (0...9).reduce(0, +))
    }
}

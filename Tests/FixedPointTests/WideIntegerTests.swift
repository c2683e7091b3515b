import FixedPoint
import Testing

/// The 32-bit ARM roads of the fixed-point types' wide integer work, run on every target here:
/// the product from 32-bit halves against the standard library's `multipliedFullWidth`, and the
/// square root from the FPU against Newton's iteration and the definition of ⌊√n⌋.
struct WideIntegerTests {
    typealias Values = TestValues

    @Test func productsOfHalvesAreTheFullWidthProducts() {
        var values = Values(state: 7)
        for _ in 0..<400_000 {
            let a = values.wide(), b = values.wide()
            let expected = a.multipliedFullWidth(by: b)
            let halves = a.productOfHalves(b)
            #expect(halves.high == expected.high && halves.low == expected.low, "\(a) · \(b)")
            let (x, y) = (Int64(bitPattern: a), Int64(bitPattern: b))
            let signed = x.multipliedFullWidth(by: y), signedHalves = x.productOfHalves(y)
            #expect(signedHalves.high == signed.high && signedHalves.low == signed.low, "\(x) · \(y)")
        }
        for _ in 0..<200_000 {
            let a = Int32(truncatingIfNeeded: values.wide()), b = Int32(truncatingIfNeeded: values.wide())
            #expect(a.productFromFullWidth(b) == Int64(a) * Int64(b), "\(a) · \(b)")
        }
        for a in [Int32.min, .max, -1, 0, 1] {
            for b in [Int32.min, .max, -1, 0, 1] { #expect(a.productFromFullWidth(b) == Int64(a) * Int64(b)) }
        }
        for a in [Int64.min, .max, -1, 0, 1] {
            for b in [Int64.min, .max, -1, 0, 1] {
                let expected = a.multipliedFullWidth(by: b), halves = a.productOfHalves(b)
                #expect(halves.high == expected.high && halves.low == expected.low, "\(a) · \(b)")
            }
        }
    }

    /// ⌊√n⌋ is the r with r² ≤ n < (r + 1)².
    static func isFloorSquareRoot(_ root: UInt64, of n: UInt64) -> Bool {
        guard root < 1 << 32 else { return false }
        let next = root + 1
        return root * root <= n && (next == 1 << 32 || next * next > n)
    }

    @Test func squareRootsFromDoublesAreTheFloorOfTheRoot() {
        var values = Values(state: 11)
        var checked = 0
        func check(_ n: UInt64) {
            let root = n.floorSquareRootInDouble
            #expect(Self.isFloorSquareRoot(root, of: n), "√\(n): \(root)")
            #expect(root == n.floorSquareRootByNewton, "√\(n)")
            checked += 1
        }
        for _ in 0..<300_000 { check(values.wide()) }
        // Squares and their neighbours, where a root that is off by one shows: small ones, random
        // ones, and the largest (whose doubles round up to 2^64 near the top).
        var roots: [UInt64] = Array(0..<2_000) + (0..<2_000).map { UInt64(UInt32.max) - $0 }
        for _ in 0..<50_000 { roots.append(values.next() >> 32) }
        for root in roots {
            let square = root * root
            check(square)
            if square > 0 { check(square - 1) }
            check(square + 1)
            if root < UInt64(UInt32.max) { check(square + 2 * root) }  // (r + 1)² - 1
        }
        check(UInt64.max)
        check(UInt64.max - 1)
        #expect(checked > 500_000)
    }

    @Test func doublesFromBitPatternsAreTheConversions() {
        var values = Values(state: 13)
        let limit: Int64 = 1 << 51
        var samples: [Int64] = [0, 1, -1, limit - 1, -(limit - 1), -limit, Int64(Int32.max), Int64(Int32.min)]
        for _ in 0..<200_000 {
            let magnitude = Int64(values.wide() % UInt64(limit))
            samples.append(values.next() & 1 == 0 ? magnitude : -magnitude)
        }
        for value in samples {
            #expect(Double(exactly51Bits: value).bitPattern == Double(value).bitPattern, "\(value)")
        }
    }

    /// Quotients from double estimates against `dividingFullWidth`: every one below 2^49 taken
    /// (nil only above), the same quotient and remainder; exact multiples and their neighbours,
    /// where an estimate off by one shows.
    @Test func quotientsByEstimateAreTheFullWidthQuotients() {
        var values = Values(state: 17)
        var estimated = 0
        func check(_ dividend: (high: UInt64, low: UInt64), _ divisor: UInt64) {
            guard divisor > 0, dividend.high < divisor else { return }
            let expected = divisor.dividingFullWidth(dividend)
            if let result = divisor.quotientByEstimate(dividend) {
                #expect(result.quotient == expected.quotient && result.remainder == expected.remainder,
                        "\(dividend) / \(divisor)")
                estimated += 1
            } else {
                #expect(expected.quotient >= (1 << 49) - 1, "\(dividend) / \(divisor): no estimate for \(expected.quotient)")
            }
            let through = divisor.fullWidthQuotient(dividend)
            #expect(through.quotient == expected.quotient && through.remainder == expected.remainder)
        }
        for _ in 0..<300_000 {
            let divisor = max(1, values.wide())
            // A quotient of a random width times the divisor, plus a remainder near 0 or the divisor.
            let quotient = values.next() >> (values.next() % 64)
            let product = quotient.multipliedFullWidth(by: divisor)
            let remainder: UInt64 = switch values.next() % 3 {
            case 0: 0
            case 1: divisor - 1
            default: values.next() % divisor
            }
            let (low, carry) = product.low.addingReportingOverflow(remainder)
            check((high: product.high &+ (carry ? 1 : 0), low: low), divisor)
            check((high: values.next() % divisor, low: values.next()), divisor)
        }
        #expect(estimated > 200_000)
    }
}

extension TestValues {
    /// Anywhere in 64 bits, or of a random width, or near a power of two or the ends.
    mutating func wide() -> UInt64 {
        let bits = next()
        switch bits % 6 {
        case 0: return next()
        case 1: return next() >> ((bits >> 8) % 64)
        case 2: return (UInt64(1) << ((bits >> 8) % 64)) &+ (next() % 5) &- 2
        case 3: return UInt64.max &- next() % 1_000
        case 4: return next() % 1_000
        default: return next() >> 32
        }
    }
}

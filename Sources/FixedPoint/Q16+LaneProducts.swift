/// Q16 products of matrices whose every element is a vector of four independent lanes, laid out
/// as `Float+LaneProducts`: element (i, j) of a `rows × columns` matrix is the four values at
/// `(i·columns + j)·4`, element i of a vector the four at `i·4`.
///
/// Each lane's sum is exact in 64 bits (wrapping, which no KitNET layer reaches: `Q16.multiply`
/// in KitsuneEmbedded gives the bounds) and rounded to nearest once, then saturated, as a scalar
/// loop over that lane gives it. Integer addition is associative, so how the four lanes' sums
/// are formed changes nothing (`LaneSums`).
extension Q16 {
    /// `sums[j] = Σ_i vector[i] · matrix[i][j]` for j < columns.
    @inlinable
    public static func multiplyLanewise(_ vector: UnsafePointer<Q16>, rows: Int, byColumnsOf matrix: UnsafePointer<Q16>,
                                        columns: Int, into sums: UnsafeMutablePointer<Q16>) {
        let x = UnsafeRawPointer(vector), m = UnsafeRawPointer(matrix)
        let lane = MemoryLayout<SIMD4<Int32>>.stride
        let rowBytes = columns &* lane
        for j in 0..<columns {
            var sum = LaneSums()
            var row = m + j &* lane
            for i in 0..<rows {
                sum.addProducts(x + i &* lane, row)
                row += rowBytes
            }
            sum.storeRounded(into: sums + j &* 4)
        }
    }

    /// `sums[i] = Σ_j vector[j] · matrix[i][j]` for i < rows.
    @inlinable
    public static func multiplyLanewise(_ vector: UnsafePointer<Q16>, columns: Int, byRowsOf matrix: UnsafePointer<Q16>,
                                        rows: Int, into sums: UnsafeMutablePointer<Q16>) {
        let y = UnsafeRawPointer(vector), m = UnsafeRawPointer(matrix)
        let lane = MemoryLayout<SIMD4<Int32>>.stride
        let rowBytes = columns &* lane
        for i in 0..<rows {
            var sum = LaneSums()
            let row = m + i &* rowBytes
            for j in 0..<columns { sum.addProducts(y + j &* lane, row + j &* lane) }
            sum.storeRounded(into: sums + i &* 4)
        }
    }

    /// `matrix[i][j] += rate · (a[i]·b[j] + c[i]·d[j])` for i < rows, j < columns, by Q16's
    /// operators in that order, each rounded and saturated (`gradientStep`).
    @inlinable
    public static func addOuterProductsLanewise(to matrix: UnsafeMutablePointer<Q16>, rows: Int, columns: Int, rate: Q16,
                                                _ a: UnsafePointer<Q16>, _ b: UnsafePointer<Q16>,
                                                _ c: UnsafePointer<Q16>, _ d: UnsafePointer<Q16>) {
        var element = matrix
        for i in 0..<rows {
            let ai = a + i &* 4, ci = c + i &* 4
            for j in 0..<columns {
                let bj = b + j &* 4, dj = d + j &* 4
                for lane in 0..<4 {
                    element[lane] = gradientStep(element[lane], rate: rate, ai[lane], bj[lane], ci[lane], dj[lane])
                }
                element += 4
            }
        }
    }

    /// `matrix[i·columns + j] += rate · (a[i]·b[j] + c[i]·d[j])`, the same value in
    /// `transposed[j·rows + i]`: one autoencoder's step (the output autoencoder's), each weight
    /// by `gradientStep`.
    @inlinable
    public static func addOuterProducts(to matrix: UnsafeMutablePointer<Q16>, transposed: UnsafeMutablePointer<Q16>,
                                        rows: Int, columns: Int, rate: Q16, _ a: UnsafePointer<Q16>,
                                        _ b: UnsafePointer<Q16>, _ c: UnsafePointer<Q16>, _ d: UnsafePointer<Q16>) {
        for i in 0..<rows {
            let row = matrix + i &* columns
            for j in 0..<columns {
                let updated = gradientStep(row[j], rate: rate, a[i], b[j], c[i], d[j])
                row[j] = updated
                transposed[j &* rows &+ i] = updated
            }
        }
    }

    /// `weight + rate · (a·b + c·d)`, each operation rounded and saturated as Q16's operators do.
    ///
    /// The five results are first computed unchecked in 64 bits, and only when one of them is
    /// outside Q16's range, a saturation, are the operators run one by one to saturate and count
    /// as they do. The products of Int32s and their sum cannot wrap; `rate · sum` can (a sum far
    /// beyond Int32), but only when the sum already fails the test, and with `ab`, `cd` and
    /// `sum` within Int32 it is below 2^62, so `step` and `updated` are exact whenever all five
    /// pass. Gradient steps saturate rarely or never, and the checks of one step then cost one
    /// branch, not ten.
    @inlinable @inline(__always)
    static func gradientStep(_ weight: Q16, rate: Q16, _ a: Q16, _ b: Q16, _ c: Q16, _ d: Q16) -> Q16 {
        let ab = roundedRaw(product: a.raw.fullWidthProduct(b.raw))
        let cd = roundedRaw(product: c.raw.fullWidthProduct(d.raw))
        let sum = ab &+ cd
        let step = roundedRaw(product: Int64(rate.raw) &* sum)
        let updated = Int64(weight.raw) &+ step
        // One test for the five, without a branch for each.
        let outside = beyondQ16(ab) | beyondQ16(cd) | beyondQ16(sum) | beyondQ16(step) | beyondQ16(updated)
        if outside == 0 { return Q16(raw: Int32(truncatingIfNeeded: updated)) }
        return saturatingGradientStep(weight, rate: rate, a, b, c, d)
    }

    /// The step by the operators, which saturate and count: out of line, as it is rarely run.
    @inlinable @inline(never)
    static func saturatingGradientStep(_ weight: Q16, rate: Q16, _ a: Q16, _ b: Q16, _ c: Q16, _ d: Q16) -> Q16 {
        weight + rate * (a * b + c * d)
    }

    /// Zero when `wide` is within Q16's raw range.
    @inlinable @inline(__always)
    static func beyondQ16(_ wide: Int64) -> Int64 { Int64(Int32(truncatingIfNeeded: wide)) ^ wide }
}

/// Four lanes' exact sums of raw Q16 products (in 2^-32ths).
///
/// On arm64 one `SIMD4<Int64>`: NEON multiplies and adds two lanes of 32-bit values into 64 bits
/// in one instruction (`smlal`), a whole product of four lanes in two. x86-64's baseline SSE2
/// has no signed widening multiply, and there the vector emulation costs more than four scalar
/// multiply-adds; armv7's hard-float builds have no NEON. Elsewhere, four scalars.
@usableFromInline
struct LaneSums {
    #if arch(arm64)
    @usableFromInline var sums = SIMD4<Int64>()

    @inlinable @inline(__always) init() {}

    /// Adds the four products `a[l] · b[l]` of the raw values at `a` and `b`.
    @inlinable @inline(__always)
    mutating func addProducts(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer) {
        sums &+= SIMD4<Int64>(truncatingIfNeeded: a.loadUnaligned(as: SIMD4<Int32>.self))
            &* SIMD4<Int64>(truncatingIfNeeded: b.loadUnaligned(as: SIMD4<Int32>.self))
    }

    @inlinable @inline(__always)
    subscript(lane: Int) -> Int64 { sums[lane] }
    #else
    @usableFromInline var s0: Int64 = 0, s1: Int64 = 0, s2: Int64 = 0, s3: Int64 = 0

    @inlinable @inline(__always) init() {}

    @inlinable @inline(__always)
    mutating func addProducts(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer) {
        s0 &+= product(a, b, 0)
        s1 &+= product(a, b, 4)
        s2 &+= product(a, b, 8)
        s3 &+= product(a, b, 12)
    }

    @inlinable @inline(__always)
    func product(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ offset: Int) -> Int64 {
        a.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            .fullWidthProduct(b.loadUnaligned(fromByteOffset: offset, as: Int32.self))
    }

    @inlinable @inline(__always)
    subscript(lane: Int) -> Int64 { lane == 0 ? s0 : lane == 1 ? s1 : lane == 2 ? s2 : s3 }
    #endif

    /// Each sum rounded to nearest (ties toward +∞) and saturated as one `Q16` product.
    @inlinable @inline(__always)
    func storeRounded(into sums: UnsafeMutablePointer<Q16>) {
        for lane in 0..<4 { sums[lane] = Q16(roundingProduct: self[lane]) }
    }
}

/// Float32 vector kernels for layers of small autoencoders, eight lanes at a time (SSE on
/// x86-64, NEON on the routers' ARM cores).
///
/// Each lane adds its rounded products in the order of the rows, as a scalar loop would: the
/// vectors change the speed, not the bits. Whole vectors are read, so each buffer must be
/// readable 7 elements past the last one used; the lanes past the end are computed and not
/// stored.
extension Float {
    /// `sums[j] = Σ_i vector[i] · matrix[i·columns + j]` for j < columns, the rows added in order.
    @inlinable
    public static func multiply(_ vector: UnsafePointer<Float>, rows: Int, byRowMajor matrix: UnsafePointer<Float>,
                                columns: Int, into sums: UnsafeMutablePointer<Float>) {
        var start = 0
        while start < columns {
            var sum = SIMD8<Float>()
            var row = UnsafeRawPointer(matrix + start)
            for i in 0..<rows {
                sum = sum + SIMD8(repeating: vector[i]) * row.loadUnaligned(as: SIMD8<Float>.self)
                row += columns * MemoryLayout<Float>.stride
            }
            store(sum, into: sums + start, count: columns - start)
            start += 8
        }
    }

    /// `values[k] = (values[k] - minima[k]) / (maxima[k] - minima[k] + epsilon)` for k < count,
    /// a quotient whose magnitude exceeds `limit`, or NaN, replaced by the limit of its sign (NaN:
    /// the upper one) and counted in `limited`.
    @inlinable
    public static func normalise(_ values: UnsafeMutablePointer<Float>, minima: UnsafePointer<Float>,
                                 maxima: UnsafePointer<Float>, count: Int, epsilon: Float, limit: Float,
                                 limited: inout Int64) {
        var start = 0
        while start < count {
            let x = UnsafeRawPointer(values + start).loadUnaligned(as: SIMD8<Float>.self)
            let low = UnsafeRawPointer(minima + start).loadUnaligned(as: SIMD8<Float>.self)
            let high = UnsafeRawPointer(maxima + start).loadUnaligned(as: SIMD8<Float>.self)
            var quotient = (x - low) / (high - low + SIMD8(repeating: epsilon))
            let lanes = Swift.min(count - start, 8)
            // Lanes within the limit are the rule: one test of all eight finds the exceptions
            // (beyond the limit, or NaN), lane by lane only then.
            if !isWithin(quotient, limit) {
                for lane in 0..<lanes where !(quotient[lane].magnitude <= limit) {
                    limited &+= 1
                    quotient[lane] = quotient[lane] < 0 ? -limit : limit
                }
            }
            store(quotient, into: values + start, count: lanes)
            start += 8
        }
    }

    /// Whether every lane is within ±limit (NaN is not), for a limit whose sign bit is clear (not
    /// -0: its bit pattern would turn the test around).
    ///
    /// In integers, not with the vectors' comparisons: the bit patterns of magnitudes order as
    /// their values, NaN's above infinity's, so `|v| ≤ limit` is `bits(|v|) - (bits(limit) + 1)`
    /// wrapping below zero, its top bit set, and the test of all lanes is that bit of their
    /// conjunction. Both compile to a few vector instructions everywhere. SIMD masks (`.<=`,
    /// `.&`, `all`) did on x86-64, but in the routers' `-Osize` Embedded build they became a
    /// loop through memory, lane by lane, with calls: 5,000 instructions a packet on aarch64
    /// (toolchains/count.sh), the most of any function there.
    @inlinable @inline(__always)
    public static func isWithin(_ values: SIMD8<Float>, _ limit: Float) -> Bool {
        let magnitudes = unsafeBitCast(values, to: SIMD8<UInt32>.self) & SIMD8(repeating: 0x7FFF_FFFF)
        let excess = magnitudes &- SIMD8(repeating: limit.bitPattern &+ 1)
        let halves = excess.lowHalf & excess.highHalf
        return halves[0] & halves[1] & halves[2] & halves[3] & 0x8000_0000 != 0
    }

    /// `matrix[i·columns + j] += rate · (a[i]·b[j] + c[i]·d[j])` for i < rows, j < columns, and
    /// the same value in `transposed[j·rows + i]`, in that order of operations.
    ///
    /// The transposed copy gets its own pass along its rows rather than a scatter of each
    /// updated row: products and sums commute exactly in IEEE arithmetic, so both passes compute
    /// the same bits, and both read and write memory in order.
    @inlinable
    public static func addOuterProducts(to matrix: UnsafeMutablePointer<Float>, transposed: UnsafeMutablePointer<Float>,
                                        rows: Int, columns: Int, rate: Float, _ a: UnsafePointer<Float>,
                                        _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>, _ d: UnsafePointer<Float>) {
        for i in 0..<rows {
            addScaled(to: matrix + i * columns, count: columns, rate: rate, b, times: a[i], plus: d, times: c[i])
        }
        for j in 0..<columns {
            addScaled(to: transposed + j * rows, count: rows, rate: rate, a, times: b[j], plus: c, times: d[j])
        }
    }

    /// `row[k] += rate · (u[k]·s + v[k]·t)` for k < count.
    @inlinable @inline(__always)
    static func addScaled(to row: UnsafeMutablePointer<Float>, count: Int, rate: Float, _ u: UnsafePointer<Float>,
                          times s: Float, plus v: UnsafePointer<Float>, times t: Float) {
        var start = 0
        while start < count {
            let current = UnsafeRawPointer(row + start).loadUnaligned(as: SIMD8<Float>.self)
            let us = UnsafeRawPointer(u + start).loadUnaligned(as: SIMD8<Float>.self) * SIMD8(repeating: s)
            let vt = UnsafeRawPointer(v + start).loadUnaligned(as: SIMD8<Float>.self) * SIMD8(repeating: t)
            let updated = current + SIMD8(repeating: rate) * (us + vt)
            store(updated, into: row + start, count: count - start)
            start += 8
        }
    }

    /// The first `count` lanes of `vector` (all 8 for a count of 8 or more) at `destination`.
    @inlinable @inline(__always)
    static func store(_ vector: SIMD8<Float>, into destination: UnsafeMutablePointer<Float>, count: Int) {
        if count >= 8 {
            UnsafeMutableRawPointer(destination).storeBytes(of: vector, as: SIMD8<Float>.self)
        } else {
            for lane in 0..<count { destination[lane] = vector[lane] }
        }
    }
}

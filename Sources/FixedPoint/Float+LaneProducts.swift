/// Float32 products of matrices whose every element is a vector of four independent lanes
/// (`SIMD4`: one SSE register on x86-64, one NEON register on the routers' ARM cores), and the
/// differences of such vectors.
///
/// Element (i, j) of a `rows × columns` matrix is the four floats at `(i·columns + j)·4`, and
/// element i of a vector the four at `i·4`. Each lane is its own computation: lane l of a
/// product sums lane l of the products, in the order of the summed index, each product rounded
/// once and never fused with its addition, as a scalar loop over that lane alone would. The
/// vectors change the speed, not the bits.
extension Float {
    /// `sums[j] = Σ_i vector[i] · matrix[i][j]` for j < columns, the rows added in order.
    @inlinable
    public static func multiplyLanewise(_ vector: UnsafePointer<Float>, rows: Int, byColumnsOf matrix: UnsafePointer<Float>,
                                        columns: Int, into sums: UnsafeMutablePointer<Float>) {
        let x = UnsafeRawPointer(vector), m = UnsafeRawPointer(matrix), out = UnsafeMutableRawPointer(sums)
        let lane = MemoryLayout<SIMD4<Float>>.stride
        let rowBytes = columns &* lane
        var j = 0
        // Four columns at a time where there are four: four independent chains of additions
        // keep the adders busy, and each input vector is loaded once for them all.
        while j &+ 4 <= columns {
            var s0 = SIMD4<Float>(), s1 = SIMD4<Float>(), s2 = SIMD4<Float>(), s3 = SIMD4<Float>()
            var row = m + j &* lane
            for i in 0..<rows {
                let value = x.loadUnaligned(fromByteOffset: i &* lane, as: SIMD4<Float>.self)
                s0 = s0 + value * row.loadUnaligned(as: SIMD4<Float>.self)
                s1 = s1 + value * row.loadUnaligned(fromByteOffset: lane, as: SIMD4<Float>.self)
                s2 = s2 + value * row.loadUnaligned(fromByteOffset: 2 &* lane, as: SIMD4<Float>.self)
                s3 = s3 + value * row.loadUnaligned(fromByteOffset: 3 &* lane, as: SIMD4<Float>.self)
                row += rowBytes
            }
            out.storeBytes(of: s0, toByteOffset: j &* lane, as: SIMD4<Float>.self)
            out.storeBytes(of: s1, toByteOffset: (j &+ 1) &* lane, as: SIMD4<Float>.self)
            out.storeBytes(of: s2, toByteOffset: (j &+ 2) &* lane, as: SIMD4<Float>.self)
            out.storeBytes(of: s3, toByteOffset: (j &+ 3) &* lane, as: SIMD4<Float>.self)
            j &+= 4
        }
        while j < columns {
            var sum = SIMD4<Float>()
            var row = m + j &* lane
            for i in 0..<rows {
                sum = sum + x.loadUnaligned(fromByteOffset: i &* lane, as: SIMD4<Float>.self)
                    * row.loadUnaligned(as: SIMD4<Float>.self)
                row += rowBytes
            }
            out.storeBytes(of: sum, toByteOffset: j &* lane, as: SIMD4<Float>.self)
            j &+= 1
        }
    }

    /// `sums[i] = Σ_j vector[j] · matrix[i][j]` for i < rows, the columns added in order.
    @inlinable
    public static func multiplyLanewise(_ vector: UnsafePointer<Float>, columns: Int, byRowsOf matrix: UnsafePointer<Float>,
                                        rows: Int, into sums: UnsafeMutablePointer<Float>) {
        let y = UnsafeRawPointer(vector), m = UnsafeRawPointer(matrix), out = UnsafeMutableRawPointer(sums)
        let lane = MemoryLayout<SIMD4<Float>>.stride
        let rowBytes = columns &* lane
        var i = 0
        while i &+ 4 <= rows {
            var s0 = SIMD4<Float>(), s1 = SIMD4<Float>(), s2 = SIMD4<Float>(), s3 = SIMD4<Float>()
            let row = m + i &* rowBytes
            for j in 0..<columns {
                let value = y.loadUnaligned(fromByteOffset: j &* lane, as: SIMD4<Float>.self)
                let at = j &* lane
                s0 = s0 + value * row.loadUnaligned(fromByteOffset: at, as: SIMD4<Float>.self)
                s1 = s1 + value * row.loadUnaligned(fromByteOffset: rowBytes &+ at, as: SIMD4<Float>.self)
                s2 = s2 + value * row.loadUnaligned(fromByteOffset: 2 &* rowBytes &+ at, as: SIMD4<Float>.self)
                s3 = s3 + value * row.loadUnaligned(fromByteOffset: 3 &* rowBytes &+ at, as: SIMD4<Float>.self)
            }
            out.storeBytes(of: s0, toByteOffset: i &* lane, as: SIMD4<Float>.self)
            out.storeBytes(of: s1, toByteOffset: (i &+ 1) &* lane, as: SIMD4<Float>.self)
            out.storeBytes(of: s2, toByteOffset: (i &+ 2) &* lane, as: SIMD4<Float>.self)
            out.storeBytes(of: s3, toByteOffset: (i &+ 3) &* lane, as: SIMD4<Float>.self)
            i &+= 4
        }
        while i < rows {
            var sum = SIMD4<Float>()
            let row = m + i &* rowBytes
            for j in 0..<columns {
                sum = sum + y.loadUnaligned(fromByteOffset: j &* lane, as: SIMD4<Float>.self)
                    * row.loadUnaligned(fromByteOffset: j &* lane, as: SIMD4<Float>.self)
            }
            out.storeBytes(of: sum, toByteOffset: i &* lane, as: SIMD4<Float>.self)
            i &+= 1
        }
    }

    /// `values[i] = minuends[i] - values[i]` for i < rows, four lanes at a time. (At `-Osize`,
    /// the routers' setting, LLVM leaves a scalar loop scalar: one float at a time.)
    @inlinable
    public static func subtractLanewise(_ values: UnsafeMutablePointer<Float>, from minuends: UnsafePointer<Float>,
                                        rows: Int) {
        let x = UnsafeRawPointer(minuends), z = UnsafeMutableRawPointer(values)
        let lane = MemoryLayout<SIMD4<Float>>.stride
        for i in 0..<rows {
            let difference = x.loadUnaligned(fromByteOffset: i &* lane, as: SIMD4<Float>.self)
                - z.loadUnaligned(fromByteOffset: i &* lane, as: SIMD4<Float>.self)
            z.storeBytes(of: difference, toByteOffset: i &* lane, as: SIMD4<Float>.self)
        }
    }

    /// `sums[l] = Σ_i vector[i][l]²` for the four lanes l, the rows added in order.
    @inlinable
    public static func sumOfSquaresLanewise(_ vector: UnsafePointer<Float>, rows: Int, into sums: UnsafeMutablePointer<Float>) {
        let x = UnsafeRawPointer(vector)
        let lane = MemoryLayout<SIMD4<Float>>.stride
        var sum = SIMD4<Float>()
        for i in 0..<rows {
            let value = x.loadUnaligned(fromByteOffset: i &* lane, as: SIMD4<Float>.self)
            sum = sum + value * value
        }
        UnsafeMutableRawPointer(sums).storeBytes(of: sum, as: SIMD4<Float>.self)
    }

    /// `matrix[i][j] += rate · (a[i]·b[j] + c[i]·d[j])` for i < rows, j < columns, in that
    /// order of operations.
    @inlinable
    public static func addOuterProductsLanewise(to matrix: UnsafeMutablePointer<Float>, rows: Int, columns: Int, rate: Float,
                                            _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                            _ c: UnsafePointer<Float>, _ d: UnsafePointer<Float>) {
        let lane = MemoryLayout<SIMD4<Float>>.stride
        let m = UnsafeMutableRawPointer(matrix)
        let pa = UnsafeRawPointer(a), pb = UnsafeRawPointer(b), pc = UnsafeRawPointer(c), pd = UnsafeRawPointer(d)
        let scale = SIMD4<Float>(repeating: rate)
        var element = 0
        for i in 0..<rows {
            let ai = pa.loadUnaligned(fromByteOffset: i &* lane, as: SIMD4<Float>.self)
            let ci = pc.loadUnaligned(fromByteOffset: i &* lane, as: SIMD4<Float>.self)
            for j in 0..<columns {
                let bj = pb.loadUnaligned(fromByteOffset: j &* lane, as: SIMD4<Float>.self)
                let dj = pd.loadUnaligned(fromByteOffset: j &* lane, as: SIMD4<Float>.self)
                let current = m.loadUnaligned(fromByteOffset: element, as: SIMD4<Float>.self)
                m.storeBytes(of: current + scale * (ai * bj + ci * dj), toByteOffset: element, as: SIMD4<Float>.self)
                element &+= lane
            }
        }
    }
}

extension Double {
    /// `values[k] *= factors[k]` for k < count, two at a time (`SIMD2<Double>`: one SSE2 or NEON
    /// register): each product the one a scalar loop rounds.
    ///
    /// The loads come before the stores, so that the compiler need not assume the two arrays
    /// overlap (it cannot know they do not): without that, a loop over AfterImage's 15 values
    /// of a stream was compiled with overlap checks, a vector part and a scalar rest, four
    /// times the instructions.
    @inlinable @inline(__always)
    public static func multiplyPairwise(_ values: UnsafeMutableRawPointer, count: Int, by factors: UnsafeRawPointer) {
        let width = MemoryLayout<SIMD2<Double>>.stride
        var offset = 0, remaining = count
        while remaining >= 2 {
            let product = values.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
                * factors.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
            values.storeBytes(of: product, toByteOffset: offset, as: SIMD2<Double>.self)
            offset &+= width
            remaining &-= 2
        }
        if remaining == 1 {
            let product = values.load(fromByteOffset: offset, as: Double.self) * factors.load(fromByteOffset: offset, as: Double.self)
            values.storeBytes(of: product, toByteOffset: offset, as: Double.self)
        }
    }

    /// `values[k] += scale · vector[k]` for k < count, two at a time: each sum the one a scalar
    /// loop rounds (a product, then a sum: never fused).
    @inlinable @inline(__always)
    public static func addScaledPairwise(_ values: UnsafeMutableRawPointer, count: Int, scale: Double,
                                         times vector: UnsafeRawPointer) {
        let width = MemoryLayout<SIMD2<Double>>.stride
        let factor = SIMD2<Double>(repeating: scale)
        var offset = 0, remaining = count
        while remaining >= 2 {
            let sum = values.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
                + factor * vector.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
            values.storeBytes(of: sum, toByteOffset: offset, as: SIMD2<Double>.self)
            offset &+= width
            remaining &-= 2
        }
        if remaining == 1 {
            let sum = values.load(fromByteOffset: offset, as: Double.self) + scale * vector.load(fromByteOffset: offset, as: Double.self)
            values.storeBytes(of: sum, toByteOffset: offset, as: Double.self)
        }
    }
}

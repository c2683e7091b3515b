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
        if count == 15 {
            // A stream's statistics at the usual five decay rates: all fifteen read before any
            // is written. In the loop, a round's loads wait for the last round's stores, and an
            // in-order core (the routers' Cortex-A53) waits out each product in turn.
            let first = values.loadUnaligned(as: SIMD8<Double>.self) * factors.loadUnaligned(as: SIMD8<Double>.self)
            let second = values.loadUnaligned(fromByteOffset: 64, as: SIMD4<Double>.self)
                * factors.loadUnaligned(fromByteOffset: 64, as: SIMD4<Double>.self)
            let third = values.loadUnaligned(fromByteOffset: 96, as: SIMD2<Double>.self)
                * factors.loadUnaligned(fromByteOffset: 96, as: SIMD2<Double>.self)
            let last = values.load(fromByteOffset: 112, as: Double.self) * factors.load(fromByteOffset: 112, as: Double.self)
            values.storeBytes(of: first, as: SIMD8<Double>.self)
            values.storeBytes(of: second, toByteOffset: 64, as: SIMD4<Double>.self)
            values.storeBytes(of: third, toByteOffset: 96, as: SIMD2<Double>.self)
            values.storeBytes(of: last, toByteOffset: 112, as: Double.self)
            return
        }
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

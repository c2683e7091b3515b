/// MT19937, seeded with the standard `init_genrand`, and the uniform doubles of NumPy's
/// legacy `RandomState.random_sample`: the reference draws its initial weights this way.
public final class MersenneTwister {
    /// Drawn from only while autoencoders are built, once: an ordinary array.
    var words: [UInt32]
    var position: Int

    public init(seed: UInt32) {
        words = [UInt32](repeating: 0, count: 624)
        words[0] = seed
        for index in 1..<624 {
            let previous = words[index - 1]
            words[index] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(index)
        }
        position = 624
    }

    public func next() -> UInt32 {
        if position >= 624 { twist() }
        var y = words[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    func twist() {
        for index in 0..<624 {
            let y = (words[index] & 0x8000_0000) | (words[(index + 1) % 624] & 0x7FFF_FFFF)
            var value = words[(index + 397) % 624] ^ (y >> 1)
            if y & 1 != 0 { value ^= 0x9908_B0DF }
            words[index] = value
        }
        position = 0
    }

    /// A double in [0, 1) with 53 random bits, exactly as NumPy's `rk_double`.
    public func nextUniform() -> Double {
        let a = Double(next() >> 5)
        let b = Double(next() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }
}

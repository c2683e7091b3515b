extension Float: KitsuneScalar {
    @inline(__always)
    public var doubleValue: Double { Double(self) }

    @inline(__always)
    public static var one: Float { 1 }

    @inline(__always)
    public static func powerOfTwo(_ exponent: Float) -> Float { c_exp2f(exponent) }

    @inline(__always)
    public static func logistic(_ x: Float) -> Float { 1 / (1 + c_expf(-x)) }

    /// The integer difference, exact, turned into seconds once: a Float32 epoch would have a
    /// resolution of two minutes, a Float32 difference keeps 24 significant bits.
    @inline(__always)
    public static func seconds(fromNanoseconds earlier: Int64, toNanoseconds later: Int64) -> Float {
        Float(Double(later &- earlier) * 1e-9)
    }
}

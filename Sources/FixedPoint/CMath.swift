// The few libm functions the floating-point conformances need. Declared with `@_extern(c)`
// rather than imported through Glibc or Foundation, which do not exist in Embedded Swift.

@_extern(c, "pow") @usableFromInline
func c_pow(_ base: Double, _ exponent: Double) -> Double

@_extern(c, "exp") @usableFromInline
func c_exp(_ x: Double) -> Double

@_extern(c, "exp2f") @usableFromInline
func c_exp2f(_ x: Float) -> Float

@_extern(c, "expf") @usableFromInline
func c_expf(_ x: Float) -> Float

// The few libm functions the floating-point conformances need. Declared with `@_extern(c)`
// rather than imported through Glibc or Foundation, which do not exist in Embedded Swift.

@_extern(c, "pow") @usableFromInline
func c_pow(_ base: Double, _ exponent: Double) -> Double

@_extern(c, "exp") @usableFromInline
func c_exp(_ x: Double) -> Double

/// 2.0, hidden from the optimiser. LLVM rewrites `pow(2, x)` as `exp2(x)` and `pow(x, 2)` as
/// `x * x`; both can differ from libm's `pow` in the last bit, and the reference calls `pow`.
/// An unoptimised function is never inlined, so the calls stay calls to `pow`.
@_optimize(none) @usableFromInline
func unfoldedTwo() -> Double { 2 }

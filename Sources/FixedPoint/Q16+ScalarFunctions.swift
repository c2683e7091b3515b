/// Q16 in the layered protocols; its operations are in `Q16+Arithmetic.swift` and
/// `Q16+Functions.swift`.
extension Q16: LogisticFunction {
    @inlinable @inline(__always)
    public static func square(_ x: Q16) -> Q16 { x * x }
}

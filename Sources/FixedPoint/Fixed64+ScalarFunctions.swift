/// Fixed64 in the layered protocols; its operations are in `Fixed64+Arithmetic.swift` and
/// `Fixed64+Functions.swift`. (It has no logistic: it accumulates, it does not activate.)
extension Fixed64: ScalarFunctions {
    @inlinable @inline(__always)
    public static func square(_ x: Fixed64) -> Fixed64 { x * x }
}

// The engine is generic over `KitsuneScalar`, whose number types and layered protocols are
// `FixedPoint`'s: whoever uses the engine needs them too.
@_exported import FixedPoint

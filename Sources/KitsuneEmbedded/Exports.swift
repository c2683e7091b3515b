// The engine is generic over `KitsuneScalar`; whoever uses the engine needs the protocol too.
@_exported import FixedPoint

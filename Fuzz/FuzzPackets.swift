// libFuzzer target: a stream of frames, each with a time step and a wire length chosen by the
// input, through the engine in float32, q16 and float64 (the first byte chooses the arithmetic
// and the link type). Scores and reports must be finite; nothing may trap.
//
//   per frame: u8 time-step kind, u32 step, u32 wire length, u16 frame length, frame bytes
import FixedPoint
import KitsuneEmbedded

let links: [LinkType] = [.ethernet, .linuxCooked, .linuxCooked2, .rawIP, .null]
nonisolated(unsafe) var float32Engines: [Kitsune<Float>] = []
nonisolated(unsafe) var q16Engines: [Kitsune<Q16>] = []
nonisolated(unsafe) var float64Engines: [Kitsune<Double>] = []
nonisolated(unsafe) var clock: Int64 = 1_500_000_000_000_000_000

@inline(never)
func run<Scalar: KitsuneScalar>(_ engine: Kitsune<Scalar>, _ input: inout FuzzBytes) {
    while input.remaining > 0 {
        let kind = input.u8()
        let step = Int64(input.u32())
        // Steps from nanoseconds to centuries, forwards and back; the engine limits instants.
        switch kind & 3 {
        case 0: clock &+= step
        case 1: clock &+= step &* 1_000_000
        case 2: clock &-= step &* 1_000
        default: clock = Int64(bitPattern: UInt64(step) &* 0x1_0000_0001_0000)
        }
        let wireLength = input.u32()
        let frame = input.bytes(Int(input.u16()) % 1600)
        process(engine, frame, time: clock, wireLength: wireLength)
    }
    engine.tick(at: clock)
    engine.finishIncidents(at: clock)
    while engine.nextIncidentEvent() != nil {}
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPackets(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if float32Engines.isEmpty {
        for link in links {
            float32Engines.append(Kitsune<Float>(configuration: fuzzConfiguration(), linkType: link)!)
            q16Engines.append(Kitsune<Q16>(configuration: fuzzConfiguration(), linkType: link)!)
            float64Engines.append(Kitsune<Double>(configuration: fuzzConfiguration(), linkType: link)!)
        }
    }
    var input = FuzzBytes(data, size)
    let choice = Int(input.u8())
    let link = (choice >> 2) % links.count
    switch choice & 3 {
    case 0, 3: run(float32Engines[link], &input)
    case 1: run(q16Engines[link], &input)
    default: run(float64Engines[link], &input)
    }
    return 0
}

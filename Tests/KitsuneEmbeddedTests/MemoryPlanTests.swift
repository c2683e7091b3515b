import AllocationCounter
import KitsuneEmbedded
import Testing

/// The memory plan is the engine's memory exactly, the budget bounds it, and once the engine
/// has warmed up, processing packets allocates nothing at all.
struct MemoryPlanTests {
    static func configurations() -> [KitsuneConfiguration] {
        var withMap = KitsuneConfiguration()
        withMap.kitNET.featureMap = [[0, 1, 2], [3, 4, 5, 6, 7, 8, 9, 10, 11], Array(12..<100), [0, 0, 5]]
        var small = KitsuneConfiguration()
        small.afterImage.socketStreams = 3
        small.afterImage.hostTrackers = 1
        small.kitNET.maximumAutoencoderSize = 3
        return [KitsuneConfiguration(), withMap, small,
                Kitsune<Float>.configuration(KitsuneConfiguration(), fittingBudget: 1 << 20)!]
    }

    @Test(arguments: configurations())
    func theArenaIsExactlyThePlan(_ configuration: KitsuneConfiguration) throws {
        let float = try #require(Kitsune<Float>(configuration: configuration, linkType: .ethernet))
        #expect(float.arena.used == float.arena.capacity)
        #expect(float.arena.capacity == Kitsune<Float>.memoryPlan(configuration).totalBytes)
        let double = try #require(Kitsune<Double>(configuration: configuration, linkType: .ethernet))
        #expect(double.arena.used == double.arena.capacity)
        let fixed = try #require(Kitsune<Q16>(configuration: configuration, linkType: .ethernet))
        #expect(fixed.arena.used == fixed.arena.capacity)
        #expect(fixed.arena.capacity == Kitsune<Q16>.memoryPlan(configuration).totalBytes)
    }

    @Test(arguments: [256 << 10, 1 << 20, 16 << 20, 64 << 20])
    func derivedTablesFitTheBudget(_ budget: Int) throws {
        let configuration = try #require(Kitsune<Float>.configuration(KitsuneConfiguration(), fittingBudget: budget))
        let total = Kitsune<Float>.memoryPlan(configuration).totalBytes
        #expect(total <= budget)
        // And use most of it: the next size up would not fit.
        #expect(total > budget * 9 / 10, "plan \(total) of \(budget)")
        #expect(configuration.problem == nil)
    }

    @Test func aBudgetTooSmallForAnyTableIsRefused() {
        #expect(Kitsune<Float>.configuration(KitsuneConfiguration(), fittingBudget: 10_000) == nil)
    }

    /// Frames from ever new hosts and ports, so that tables fill and evict while counting.
    static func frames(count: Int) -> [[UInt8]] {
        var state: UInt64 = 99
        var frames: [[UInt8]] = []
        for index in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var frame = FrameBuilder()
            frame.ethernet(type: 0x0800)
            let isUDP = index % 3 == 0
            frame.ipv4(protocol: isUDP ? 17 : 6, source: ip(10, 1, 0, 0) + UInt32(state >> 50),
                       destination: ip(10, 2, 0, UInt32(index % 7)), payload: isUDP ? 8 : 20)
            frame.ports(UInt16(truncatingIfNeeded: state >> 20), UInt16(80 + index % 5), length: isUDP ? 8 : 20)
            frames.append(frame.bytes)
        }
        return frames
    }

    /// Whether this is an optimised build: allocation-free processing is a property of the
    /// specialised, optimised engine (a debug build boxes generic values).
    static var isOptimised: Bool {
        #if DEBUG
            return false
        #else
            return true
        #endif
    }

    func allocationsWhileProcessing<Scalar: KitsuneScalar>(_: Scalar.Type) -> Int {
        var configuration = Kitsune<Scalar>.configuration(KitsuneConfiguration(), fittingBudget: 512 << 10)!
        configuration.kitNET.featureMapGrace = 200
        configuration.kitNET.anomalyDetectorGrace = 800
        // Every scored packet anomalous: incidents open, explain themselves, report and close,
        // and the tracker's table fills, all while counted.
        configuration.detection.threshold = 1e-9
        configuration.incidents.warmupSeconds = 0
        let engine = Kitsune<Scalar>(configuration: configuration, linkType: .ethernet)!
        let frames = Self.frames(count: 30_000)
        var time: Int64 = 1_700_000_000_000_000_000
        var checksum = 0.0
        func run(_ range: Range<Int>) {
            for index in range {
                time += 1_000_000
                frames[index].withUnsafeBytes {
                    checksum += engine.process($0, timestamp: time, wireLength: UInt32($0.count)).score.doubleValue
                }
                while let event = engine.nextIncidentEvent() { checksum += Double(event.packets) * 1e-12 }
            }
        }
        // Warm up: past both grace periods (the autoencoders are built once, at the end of the
        // first) and until every table has filled and started evicting.
        run(0..<5_000)
        allocation_counter_start()
        run(5_000..<30_000)
        let allocations = allocation_counter_stop()
        #expect(checksum.isFinite && checksum > 0)
        #expect(engine.counters.evictions.socketStreams > 0, "the tables must be evicting while counted")
        // Thousands of sources to seven targets: incidents of many sources, opening and closing.
        #expect(engine.counters.incidents.opened > 10, "incidents must open while counted")
        return allocations
    }

    @Test(.enabled(if: Self.isOptimised, "unspecialised generics allocate in a debug build"))
    func processingPacketsAllocatesNothingInFloat32() {
        #expect(allocationsWhileProcessing(Float.self) == 0)
    }

    @Test(.enabled(if: Self.isOptimised, "unspecialised generics allocate in a debug build"))
    func processingPacketsAllocatesNothingInFloat64() {
        #expect(allocationsWhileProcessing(Double.self) == 0)
    }

    @Test(.enabled(if: Self.isOptimised, "unspecialised generics allocate in a debug build"))
    func processingPacketsAllocatesNothingInQ16() {
        #expect(allocationsWhileProcessing(Q16.self) == 0)
    }

    /// The counter itself counts: an array allocates.
    @Test func theAllocationCounterCounts() {
        allocation_counter_start()
        let array = [Int](repeating: 7, count: 1000)
        let allocations = allocation_counter_stop()
        #expect(array.count == 1000)
        #expect(allocations >= 1)
    }
}

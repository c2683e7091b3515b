import KitsuneEmbedded
import Testing

/// How the engine's arithmetics turn timestamps into seconds.
struct TimeArithmeticTests {
    /// The reference's time arithmetic: a microsecond timestamp becomes exactly the float64
    /// that parsing tshark's decimal text gives.
    @Test func epochSecondsAreTheCorrectlyRoundedDecimal() {
        let nanoseconds: Int64 = 1_795_913_176_302_542_000
        #expect(Double.epochSeconds(nanoseconds: nanoseconds) == Double("1795913176.302542")!)
        #expect(Double.seconds(fromNanoseconds: nanoseconds, toNanoseconds: nanoseconds + 91_000)
                == Double("1795913176.302633")! - Double("1795913176.302542")!)
    }
}

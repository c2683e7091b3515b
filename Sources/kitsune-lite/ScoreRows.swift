/// The per-packet score CSV of `score` and `detect --scores`: `packet,timestamp,score`.
extension TextBuffer {
    static let scoreHeader: StaticString = "packet,timestamp,score\n"

    /// One row: the packet's number (from 1), its time in seconds, its score.
    mutating func appendScoreRow(packet: Int64, timestamp: Int64, score: Double, digits: Int) {
        append(decimal: packet)
        append(byte: UInt8(ascii: ","))
        append(timestamp: timestamp)
        append(byte: UInt8(ascii: ","))
        append(general: score, digits: digits)
        append(byte: UInt8(ascii: "\n"))
    }
}

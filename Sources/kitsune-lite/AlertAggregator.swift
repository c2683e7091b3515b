import KitsuneEmbedded

/// Turns packets over the threshold into alerts, so that a flood does not become an alert storm.
///
/// Packets between the same source and destination addresses within `window` are merged into
/// one alert carrying their count and peak score, emitted when the window closes. A global
/// token bucket then allows `rate` alerts per second (bursts of `2 · rate`); the others are
/// counted and reported as one "suppressed" line. Open alerts live in a fixed table: when it is
/// full, the oldest is emitted early. Times are capture times, so a capture file replays the
/// same alerts as the live traffic would have raised.
struct AlertAggregator {
    let window: Int64
    let rate: Double
    let capacity: Int
    var open: [Alert] = []
    var tokens: Double
    var lastRefill = Int64.min
    var suppressed: Int64 = 0
    var emitted: Int64 = 0
    var merged: Int64 = 0

    init(windowSeconds: Double, alertsPerSecond: Double, capacity: Int = 256) {
        window = Int64(windowSeconds * 1e9)
        rate = alertsPerSecond
        self.capacity = capacity
        tokens = 2 * alertsPerSecond
        open.reserveCapacity(capacity)
    }

    static func sameFlow(_ a: PacketRecord, _ b: PacketRecord) -> Bool {
        a.sourceAddress == b.sourceAddress && a.destinationAddress == b.destinationAddress
    }

    /// A packet that scored `score` against `threshold`; `emit` receives alerts and suppression
    /// notices as they are due.
    mutating func offer(_ record: PacketRecord, score: Double, threshold: Double, emit: (AlertEvent) -> Void) {
        flushExpired(before: record.timestamp, emit: emit)
        guard score > threshold else { return }
        if let index = open.firstIndex(where: { Self.sameFlow($0.record, record) }) {
            open[index].packets += 1
            open[index].lastTime = record.timestamp
            if score > open[index].peakScore { open[index].peakScore = score }
            merged += 1
            return
        }
        if open.count == capacity { release(open.removeFirst(), at: record.timestamp, emit: emit) }
        open.append(Alert(record: record, firstTime: record.timestamp, lastTime: record.timestamp, packets: 1,
                          peakScore: score, threshold: threshold))
    }

    /// Emits every alert whose window has closed by `time`.
    mutating func flushExpired(before time: Int64, emit: (AlertEvent) -> Void) {
        while let first = open.first, time - first.firstTime >= window {
            release(open.removeFirst(), at: time, emit: emit)
        }
    }

    /// Emits everything still open (the capture ended, or the program is stopping).
    mutating func flushAll(at time: Int64, emit: (AlertEvent) -> Void) {
        while !open.isEmpty { release(open.removeFirst(), at: time, emit: emit) }
        if suppressed > 0 {
            emit(.suppressed(suppressed))
            suppressed = 0
        }
    }

    mutating func release(_ alert: Alert, at time: Int64, emit: (AlertEvent) -> Void) {
        if lastRefill != Int64.min && time > lastRefill {
            tokens = min(2 * rate, tokens + Double(time - lastRefill) * 1e-9 * rate)
        }
        lastRefill = max(lastRefill, time)
        guard tokens >= 1 else {
            suppressed += 1
            return
        }
        tokens -= 1
        if suppressed > 0 {
            emit(.suppressed(suppressed))
            suppressed = 0
        }
        emitted += 1
        emit(.alert(alert))
    }
}

/// What the aggregator hands to the sinks.
enum AlertEvent {
    case alert(Alert)
    /// Alerts dropped by the rate limit since the last notice.
    case suppressed(Int64)
}

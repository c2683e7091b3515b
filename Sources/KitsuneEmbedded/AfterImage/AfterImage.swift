/// AfterImage: Kitsune's feature extractor, exactly as the reference computes it (reference
/// section 2, quirks included), over bounded tables.
///
/// For every packet it updates the damped statistics of four stream families at every decay
/// rate and writes their statistics where `FeatureLayout` puts them (100 values for five λ);
/// the extended feature set adds the target's side (10 more).
/// All state is allocated when it is built; `extract` allocates nothing.
public final class AfterImage<Scalar: AccumulatorScalar> {
    public let configuration: AfterImageConfiguration
    public let layout: FeatureLayout
    public let lambdaCount: Int
    public let featureCount: Int
    /// Where each family's columns start (`layout.offset(of:)`).
    @usableFromInline let macHostColumns: Int, hostColumns: Int, jitterColumns: Int, socketColumns: Int
    /// Where the target's columns start; unused without its table.
    @usableFromInline let targetColumns: Int

    public let macHosts: StreamTable<Scalar>
    public let hosts: StreamTable<Scalar>
    public let jitter: StreamTable<Scalar>
    public let sockets: StreamTable<Scalar>
    /// Streams keyed by the receiving host: the extended feature set's, else nil.
    public let targets: StreamTable<Scalar>?
    public let hostTrackers: TrackerPool<Scalar>
    public let socketTrackers: TrackerPool<Scalar>

    @usableFromInline let decay: DecayFactorCache<Scalar>
    /// `v - mean(S)` per λ for the stream being inserted: the same for all its trackers.
    @usableFromInline let residuals: FixedBuffer<Scalar>
    /// The λ with the longest memory, whose weight decides evictions.
    @usableFromInline let slowestLambda: Int
    @usableFromInline let initialWeight = Scalar(1e-20)
    /// Below this decayed weight a stream or tracker is dead (`AfterImageConfiguration.deadWeight`).
    @usableFromInline let deadWeight: Scalar
    /// Live entries an eviction looks at before it chooses: a bounded cost per packet.
    @inlinable static var evictionCandidates: Int { 8 }

    /// An AfterImage in an arena of its own.
    public convenience init(configuration: AfterImageConfiguration) {
        let plan = MemoryArena.measure { _ = AfterImage(configuration: configuration, in: $0) }
        self.init(configuration: configuration, in: MemoryArena(capacity: plan.totalBytes)!)
    }

    /// An AfterImage carved from `arena`, as the regions of the engine's memory plan.
    public init(configuration: AfterImageConfiguration, in arena: MemoryArena) {
        precondition(configuration.problem == nil)
        self.configuration = configuration
        let lambdaCount = configuration.lambdas.count
        self.lambdaCount = lambdaCount
        layout = configuration.layout
        featureCount = layout.featureCount
        macHostColumns = layout.offset(of: .macHost)
        hostColumns = layout.offset(of: .host)
        jitterColumns = layout.offset(of: .hostJitter)
        socketColumns = layout.offset(of: .socket)
        targetColumns = layout.families.contains(.target) ? layout.offset(of: .target) : 0
        func streams(_ name: StaticString, _ capacity: Int) -> StreamTable<Scalar> {
            arena.beginRegion(name, capacity: capacity)
            defer { arena.endRegion() }
            return StreamTable(capacity: capacity, lambdaCount: lambdaCount, in: arena)
        }
        func trackers(_ name: StaticString, _ capacity: Int, linking table: StreamTable<Scalar>) -> TrackerPool<Scalar> {
            arena.beginRegion(name, capacity: capacity)
            defer { arena.endRegion() }
            return TrackerPool(capacity: capacity, lambdaCount: lambdaCount, linking: table, in: arena)
        }
        macHosts = streams("MAC-host streams (MI)", configuration.macHostStreams)
        hosts = streams("host streams (HH)", configuration.hostStreams)
        jitter = streams("host-pair streams (HH jitter)", configuration.jitterStreams)
        sockets = streams("socket streams (HpHp)", configuration.socketStreams)
        targets = layout.families.contains(.target)
            ? streams("target streams (inbound)", configuration.targetStreams) : nil
        hostTrackers = trackers("host trackers (HH 2D)", configuration.hostTrackers, linking: hosts)
        socketTrackers = trackers("socket trackers (HpHp 2D)", configuration.socketTrackers, linking: sockets)
        arena.beginRegion("decay factors", capacity: 0)
        decay = DecayFactorCache(lambdas: configuration.lambdas, in: arena)
        residuals = FixedBuffer(repeating: .zero, count: lambdaCount, in: arena)
        arena.endRegion()
        deadWeight = Scalar(configuration.deadWeight)
        var slowest = 0
        for (index, lambda) in configuration.lambdas.enumerated()
        where lambda < configuration.lambdas[slowest] { slowest = index }
        slowestLambda = slowest
    }

    /// Updates the statistics with one packet and writes its `featureCount` features. Returns
    /// whether its source is new to its target (no statistics of the host pair were kept).
    @discardableResult
    @inlinable public func extract(_ record: PacketRecord, into features: UnsafeMutablePointer<Scalar>) -> Bool {
        update(with: record, writing: features)
    }

    /// Updates the statistics with one packet as `extract` does, to the bit, and writes no
    /// features: for a packet KitNET will not score (`Kitsune.processWithoutScoring`). The
    /// features' last steps (the 1D moments; the 2D magnitudes, radii, covariances and
    /// correlations; square roots and divisions) took a router's core about a third of the
    /// statistics' time. Returns whether its source is new to its target.
    @discardableResult
    @inlinable public func observe(_ record: PacketRecord) -> Bool {
        update(with: record, writing: nil)
    }

    /// `extract` when `features` is given, else `observe`.
    ///
    /// A stream remembers its moments from when its features are written until its next insert,
    /// and a later packet can read them as they were (the reference's quirk, `StreamTable`):
    /// a partner's sums decay in between, so computing them later could give other bits.
    /// Without features, what would be remembered and read later still is; the rest is skipped.
    /// That includes every moment of a family without trackers (MI, jitter, the target): no
    /// tracker decays their streams, so their sums change only at their own insert, and their
    /// moments are the same bits whenever they are computed.
    @inlinable func update(with record: PacketRecord, writing features: UnsafeMutablePointer<Scalar>?) -> Bool {
        let time = record.timestamp
        let size = Scalar(packetSize: record.wireLength)

        // MI: the sender's MAC and IP together.
        let macHost = findOrCreate(.macAndHost(record.sourceMAC, record.sourceAddress), in: macHosts,
                                   trackers: nil, time: time, pinned: .none)
        insert(size, at: time, into: macHost, of: macHosts)
        if let features {
            write1D(macHost, of: macHosts, to: features + macHostColumns, stride: StreamFamily.macHost.statisticCount)
        }

        // HH: the sender host, and its covariance with the receiving host.
        group2D(source: .host(record.sourceAddress), destination: .host(record.destinationAddress),
                table: hosts, trackers: hostTrackers, size: size, time: time,
                features: features.map { $0 + hostColumns })

        // HH jitter: the inter-arrival time of the host pair, measured before it decays. A pair
        // made now is a source new to the target.
        var isNewPair = false
        let pair = findOrCreate(.hostPair(record.sourceAddress, record.destinationAddress), in: jitter,
                                trackers: nil, time: time, pinned: .none, created: &isNewPair)
        let last = jitter.lastTime[pair.index]
        let gap = time > last ? Scalar.seconds(fromNanoseconds: last, toNanoseconds: time) : Scalar.zero
        insert(gap, at: time, into: pair, of: jitter)
        if let features {
            write1D(pair, of: jitter, to: features + jitterColumns, stride: StreamFamily.hostJitter.statisticCount)
        }

        // HpHp: the sender socket and its covariance with the receiving socket. ARP has no
        // ports; the reference keys it by MAC addresses there.
        let isARP = record.sourcePort.kind == .arp
        let sourceSocket: StreamKey = isARP
            ? .socket(.mac(record.sourceMAC), .none) : .socket(record.sourceAddress, record.sourcePort)
        let destinationSocket: StreamKey = isARP
            ? .socket(.mac(record.destinationMAC), .none)
            : .socket(record.destinationAddress, record.destinationPort)
        group2D(source: sourceSocket, destination: destinationSocket, table: sockets,
                trackers: socketTrackers, size: size, time: time, features: features.map { $0 + socketColumns })

        // The target's side: its inbound packets, each 1 if from a new source, else 0.
        if let targets {
            let target = findOrCreate(.host(record.destinationAddress), in: targets, trackers: nil, time: time,
                                      pinned: .none)
            insert(isNewPair ? .one : .zero, at: time, into: target, of: targets)
            if let features { writeNovelty(target, of: targets, to: features + targetColumns, isNew: isNewPair) }
        }
        return isNewPair
    }

    /// Writes `w·mean, mean` of every λ (`FeatureStatistic.novelty`): packets from new sources
    /// (a damped count), and their share of the target's inbound packets.
    @inline(__always)
    @inlinable func writeNovelty(_ slot: StreamSlot, of table: StreamTable<Scalar>, to output: UnsafeMutablePointer<Scalar>,
                                 isNew: Bool) {
        let stride = StreamFamily.target.statisticCount
        for lambda in 0..<lambdaCount {
            let at = output + lambda * stride
            guard isNew else {
                at[0] = .zero
                at[1] = .zero
                continue
            }
            let weight = table.weight(slot, lambda: lambda), share = table.mean(slot, lambda: lambda)
            at[0] = weight * share
            at[1] = share
        }
    }

    /// Writes `w, mean, var` of every λ, each triple `stride` apart, computed afresh
    /// (reference `allstats_1D`).
    @inlinable func write1D(_ slot: StreamSlot, of table: StreamTable<Scalar>, to output: UnsafeMutablePointer<Scalar>,
                 stride: Int) {
        table.refreshMoments(slot)
        for lambda in 0..<lambdaCount {
            let at = output + lambda * stride
            at[0] = table.weight(slot, lambda: lambda)
            at[1] = table.mean(slot, lambda: lambda)
            at[2] = table.variance(slot, lambda: lambda)
        }
    }

    /// A 1D+2D group (reference 2.3): insert into the sender's stream (updating every tracker
    /// it has), then find or link the tracker to the partner and update it once more (quirk).
    /// Without `features`, the moments the features would have read are remembered all the same.
    @inlinable func group2D(source: StreamKey, destination: StreamKey, table: StreamTable<Scalar>,
                 trackers: TrackerPool<Scalar>, size: Scalar, time: Int64,
                 features: UnsafeMutablePointer<Scalar>?) {
        let sender = findOrCreate(source, in: table, trackers: trackers, time: time, pinned: .none)
        insert(size, at: time, into: sender, of: table, trackers: trackers)
        let stride = StreamFamily.host.statisticCount
        if let features { write1D(sender, of: table, to: features, stride: stride) }

        let partner = findOrCreate(destination, in: table, trackers: trackers, time: time, pinned: sender)
        let tracker: TrackerSlot
        if partner == sender {
            // Quirk: the reference looks for the link among the sender's trackers by the
            // partner's name, which every tracker of the sender matches: it takes the first
            // one, whatever its partner, or links the stream to itself if it has none.
            let first = trackers.lists.first(of: sender)
            tracker = !first.isNone ? first : link(sender, partner, in: table, trackers: trackers, time: time)
        } else {
            tracker = trackers.tracker(between: sender, partner)
                ?? link(sender, partner, in: table, trackers: trackers, time: time)
        }
        setResiduals(size, of: sender, in: table)
        updateTrackers(of: sender, in: table, trackers: trackers, time: time, only: tracker)

        // The 2D features are those of the tracker's two streams (reference `get_stats2`).
        let a = trackers.lists.sideA[tracker.index], b = trackers.lists.sideB[tracker.index]
        guard let features else {
            // What the features would have remembered of the two streams (the sender is one of
            // them) and a later packet reads: each one's variance, and in the reference's sums
            // its mean (the centred form's mean is its first statistic, which no decay
            // changes), computed from the same sums as `write1D` and the lines below. The rest
            // they remember only caches those: the squares, and the standard deviation, which
            // is the variance's root whenever it is taken (`StreamTable.rememberVariance`).
            table.rememberVariance(a)
            table.rememberVariance(b)
            return
        }
        for lambda in 0..<lambdaCount {
            let at = features + lambda * stride
            at[3] = (table.varianceSquared(a, lambda: lambda) + table.varianceSquared(b, lambda: lambda)).squareRoot()
            at[4] = (table.meanSquared(a, lambda: lambda) + table.meanSquared(b, lambda: lambda)).squareRoot()
            let covariance = trackers.covariance(tracker, lambda: lambda)
            at[5] = covariance
            let deviations = table.standardDeviation(a, lambda: lambda) * table.standardDeviation(b, lambda: lambda)
            at[6] = deviations != .zero ? covariance / deviations : .zero
        }
    }
}

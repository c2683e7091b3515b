/// Up to four of the ensemble's autoencoders computed side by side, one per lane.
///
/// An autoencoder of dev.pcap's map has 7 inputs and 6 hidden units: too few to fill vectors
/// along its own rows and columns, whose tails would be computed one unit at a time. A bundle
/// interleaves four autoencoders instead: element (i, j) of its weights is the four
/// autoencoders' `W[i][j]` side by side, and so are its units, biases and normalisers, so
/// that in float32 every step of every autoencoder (products, logistics, errors, gradient) is one
/// operation on a vector of four lanes, with no tails and no transposed copy of `W` (the other
/// arithmetics loop over the lanes).
///
/// A bundle is as large as its largest member; a smaller member's extra rows and columns
/// (and a missing member's lane) are padding: zero weights, inputs, biases and normalisers,
/// masked out of the errors and the gradient, so that they stay zero. Each lane computes its
/// autoencoder's sums in the very order one autoencoder alone does, and the padding adds only
/// exact zeros after them: the results are the same bits in every arithmetic.
@usableFromInline
struct AutoencoderBundle {
    /// Autoencoders side by side: one vector register of float32 (SSE, NEON).
    @inlinable static var lanes: Int { 4 }

    /// Rows: the most inputs of its members.
    @usableFromInline let visible: Int
    /// Columns: the most hidden units of its members.
    @usableFromInline let hidden: Int
    /// Offset of its weights, `visible · hidden · lanes` values, in the ensemble's weight arena.
    @usableFromInline let weights: Int
    /// Offset of its hidden units (and their biases), `hidden · lanes` values.
    @usableFromInline let hiddenUnits: Int
    /// Offset of its visible units (and their biases and normalisers), `visible · lanes` values.
    @usableFromInline let visibleUnits: Int
    /// Its first lane in the ensemble's lanes (`lanes` per bundle).
    @usableFromInline let firstLane: Int

    @inlinable
    init(visible: Int, hidden: Int, weights: Int, hiddenUnits: Int, visibleUnits: Int, firstLane: Int) {
        self.visible = visible
        self.hidden = hidden
        self.weights = weights
        self.hiddenUnits = hiddenUnits
        self.visibleUnits = visibleUnits
        self.firstLane = firstLane
    }

    /// Where a member's input i (or hidden unit i) sits among the bundle's units.
    @inline(__always)
    @inlinable func unit(_ i: Int, lane: Int) -> Int { i &* Self.lanes &+ lane }

    /// Where a member's `W[i][j]` sits among the bundle's weights.
    @inline(__always)
    @inlinable func weight(_ i: Int, _ j: Int, lane: Int) -> Int { (i &* hidden &+ j) &* Self.lanes &+ lane }
}

/// The bundles of an ensemble: its autoencoders ordered by size, largest first, four at a time,
/// so that each bundle's members are alike and pad little.
@usableFromInline
struct BundlePlan {
    @usableFromInline var bundles: [AutoencoderBundle] = []
    /// Per autoencoder (in ensemble order), its bundle and lane.
    @usableFromInline var placement: [(bundle: Int, lane: Int)] = []
    /// Totals over the bundles: weights, hidden units, visible units, lanes.
    @usableFromInline var weightCount = 0, hiddenUnitCount = 0, visibleUnitCount = 0, laneCount = 0

    /// Bundles for autoencoders of `visible[k]` inputs and `hidden[k]` hidden units.
    @inlinable
    init(visible: [Int], hidden: [Int]) {
        let lanes = AutoencoderBundle.lanes
        // Largest first; equal sizes keep their ensemble order. (An insertion sort: the standard
        // library's sort is 4 KB of a router's binary, for a few dozen autoencoders sorted once.)
        var order = Array(visible.indices)
        for next in order.indices.dropFirst() {
            let autoencoder = order[next]
            var place = next
            while place > 0 && visible[order[place - 1]] < visible[autoencoder] {
                order[place] = order[place - 1]
                place -= 1
            }
            order[place] = autoencoder
        }
        placement = Array(repeating: (0, 0), count: visible.count)
        var start = 0
        while start < order.count {
            let members = order[start..<min(start + lanes, order.count)]
            var rows = 0, columns = 0
            for (lane, autoencoder) in members.enumerated() {
                rows = max(rows, visible[autoencoder])
                columns = max(columns, hidden[autoencoder])
                placement[autoencoder] = (bundles.count, lane)
            }
            bundles.append(AutoencoderBundle(visible: rows, hidden: columns, weights: weightCount,
                                             hiddenUnits: hiddenUnitCount, visibleUnits: visibleUnitCount,
                                             firstLane: laneCount))
            weightCount += rows * columns * lanes
            hiddenUnitCount += columns * lanes
            visibleUnitCount += rows * lanes
            laneCount += lanes
            start += lanes
        }
    }
}

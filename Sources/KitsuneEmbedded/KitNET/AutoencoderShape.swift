/// One autoencoder of a KitNET: its size, and where it lives: an ensemble autoencoder in a
/// lane of a bundle (`AutoencoderBundle`), the output autoencoder in buffers of its own.
public struct AutoencoderShape {
    /// Position in the ensemble; the output autoencoder comes last.
    public let index: Int
    public let visible: Int
    public let hidden: Int
    /// An ensemble autoencoder's bundle and lane; -1 for the output autoencoder.
    @usableFromInline let bundle: Int
    @usableFromInline let lane: Int
    /// Where an ensemble autoencoder's features start in the layout's `features`.
    @usableFromInline let firstFeature: Int

    @inlinable
    init(index: Int, visible: Int, hidden: Int, bundle: Int, lane: Int, firstFeature: Int) {
        self.index = index
        self.visible = visible
        self.hidden = hidden
        self.bundle = bundle
        self.lane = lane
        self.firstFeature = firstFeature
    }

    /// Whether this is the output autoencoder.
    @inlinable var isOutput: Bool { bundle < 0 }
}

/// Where one autoencoder lives in KitNET's arenas: its size and the offsets of its tied
/// weights `W` (visible × hidden, row-major), biases and input normalisers.
public struct AutoencoderShape {
    /// Position in the ensemble; the output autoencoder comes last.
    public let index: Int
    public let visible: Int
    public let hidden: Int
    /// Offset of `W` in the weight arena.
    @usableFromInline let weights: Int
    /// Offset of the hidden biases in the hidden arena.
    @usableFromInline let hiddenBiases: Int
    /// Offset of the visible biases, minima and maxima in the visible arenas.
    @usableFromInline let visibleUnits: Int

    @inlinable
    init(index: Int, visible: Int, hidden: Int, weights: Int, hiddenBiases: Int, visibleUnits: Int) {
        self.index = index
        self.visible = visible
        self.hidden = hidden
        self.weights = weights
        self.hiddenBiases = hiddenBiases
        self.visibleUnits = visibleUnits
    }
}

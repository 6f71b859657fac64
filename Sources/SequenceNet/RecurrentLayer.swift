/// One direction of a recurrent layer as the rest of the library sees it, whatever its cell.
public protocol RecurrentDirection: AnyObject {
    var hiddenSize: Int { get }
    /// Runs from the last time step to the first (the second half of a bidirectional layer).
    var reverse: Bool { get }
    /// Keep the last recurrent-dropout mask instead of drawing a new one (gradient checks hold it fixed).
    var reusesMask: Bool { get set }
    /// The state after the last step processed, [B, H] (for a reverse layer, the state at t = 0),
    /// and for an LSTM the cell state too.
    func finalState() -> (hidden: [Float], cell: [Float]?)
}

/// A recurrent layer, one direction or two: [B, T, C] -> [B, T, directions * H].
public protocol RecurrentLayer: Layer {
    /// Forward first, as PyTorch orders them in h_n.
    var directions: [any RecurrentDirection] { get }
    /// Only `out[:, -1, :]` is used downstream (the book's models take the last time step). A reverse
    /// direction then runs one step, its first, instead of all of them, and leaves the other outputs
    /// zero; a forward direction needs every step for its last output and runs them all. The numbers
    /// that are used are the same either way.
    var onlyLastOutput: Bool { get set }
}

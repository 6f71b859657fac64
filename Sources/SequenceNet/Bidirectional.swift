/// `bidirectional=True`: the same cell run forwards and backwards over the sequence, outputs
/// concatenated on the feature axis, forward direction first, as PyTorch orders them: [B, T, 2H].
public final class Bidirectional<Cell: RecurrentCell>: RecurrentLayer {
    public let forwardLayer: Recurrent<Cell>
    public let backwardLayer: Recurrent<Cell>
    public var parameters: [Parameter] { forwardLayer.parameters + backwardLayer.parameters }
    public var randomSources: [RandomSource] { forwardLayer.randomSources + backwardLayer.randomSources }
    public var directions: [any RecurrentDirection] { [forwardLayer, backwardLayer] }
    /// Under `out[:, -1, :]` the reverse direction runs a single step (see `RecurrentLayer`), which
    /// halves the work of the layer below `LastTimeStep`.
    public var onlyLastOutput: Bool {
        get { backwardLayer.onlyLastOutput }
        set {
            forwardLayer.onlyLastOutput = newValue
            backwardLayer.onlyLastOutput = newValue
        }
    }
    public var computesInputGradient: Bool {
        get { forwardLayer.computesInputGradient }
        set {
            forwardLayer.computesInputGradient = newValue
            backwardLayer.computesInputGradient = newValue
        }
    }
    public var products: ProductEngine {
        get { forwardLayer.products }
        set {
            forwardLayer.products = newValue
            backwardLayer.products = newValue
        }
    }

    private let output = Tensor(shape: [0])  // [B, T, 2H]
    private let inputGradient = Tensor(shape: [0])  // [B, T, C]

    public init(
        inputSize: Int, hiddenSize: Int, recurrentDropout: Float = 0, layerIndex: Int = 0,
        random: RandomSource
    ) {
        forwardLayer = Recurrent(
            inputSize: inputSize, hiddenSize: hiddenSize, recurrentDropout: recurrentDropout,
            names: "_l\(layerIndex)", random: random)
        backwardLayer = Recurrent(
            inputSize: inputSize, hiddenSize: hiddenSize, reverse: true,
            recurrentDropout: recurrentDropout, names: "_l\(layerIndex)_reverse", random: random)
    }

    // snippet.bidirectional
    // x [B, T, C] -> y [B, T, 2H]
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        precondition(x.shape.count == 3, "\(Cell.name) expects [B, T, C], got \(x.shape)")
        let h = forwardLayer.hiddenSize
        output.resize(x.shape[0], x.shape[1], 2 * h)
        // Each step's output is [forward h_t, backward h_t], as torch.cat(..., dim=-1) would make it:
        // each direction writes its half of every row.
        forwardLayer.forward(x, training: training, into: output.pointer, rowStride: 2 * h)  // steps 0...T-1
        backwardLayer.forward(x, training: training, into: output.pointer + h, rowStride: 2 * h)  // T-1...0
        return output
    }
    // snippet.end

    // dy [B, T, 2H] -> dx [B, T, C], the sum of both directions' input gradients
    public func backward(_ dy: Tensor) -> Tensor {
        precondition(
            dy.shape == output.shape, "\(Cell.name) backward expects \(output.shape), got \(dy.shape)")
        let h = forwardLayer.hiddenSize, rows = UnsafePointer(dy.pointer)
        // Each direction reads its half of every row of dy where it lies.
        let fromForward = forwardLayer.backward(rows: rows, rowStride: 2 * h)
        let fromBackward = backwardLayer.backward(rows: rows + h, rowStride: 2 * h)
        guard computesInputGradient else { return fromForward }
        inputGradient.resize(fromForward.shape)
        let dx = inputGradient.pointer, a = fromForward.pointer, b = fromBackward.pointer
        for i in 0..<inputGradient.count { dx[i] = a[i] + b[i] }
        return inputGradient
    }
}

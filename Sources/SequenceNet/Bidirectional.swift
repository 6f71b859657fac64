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
    private let forwardGradient = Tensor(shape: [0])  // [B, T, H]
    private let backwardGradient = Tensor(shape: [0])  // [B, T, H]
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
        let forwards = forwardLayer.forward(x, training: training)  // reads steps 0, 1, ..., T-1
        let backwards = backwardLayer.forward(x, training: training)  // reads steps T-1, ..., 0
        let (rows, h) = (x.shape[0] * x.shape[1], forwardLayer.hiddenSize)
        output.resize(x.shape[0], x.shape[1], 2 * h)
        // Each step's output is [forward h_t, backward h_t], as torch.cat(..., dim=-1) would make it.
        for r in 0..<rows {
            (output.pointer + r * 2 * h).update(from: forwards.pointer + r * h, count: h)
            (output.pointer + r * 2 * h + h).update(from: backwards.pointer + r * h, count: h)
        }
        return output
    }
    // snippet.end

    // dy [B, T, 2H] -> dx [B, T, C], the sum of both directions' input gradients
    public func backward(_ dy: Tensor) -> Tensor {
        let (batch, steps, h) = (dy.shape[0], dy.shape[1], forwardLayer.hiddenSize)
        forwardGradient.resize(batch, steps, h)
        backwardGradient.resize(batch, steps, h)
        for r in 0..<batch * steps {
            (forwardGradient.pointer + r * h).update(from: dy.pointer + r * 2 * h, count: h)
            (backwardGradient.pointer + r * h).update(from: dy.pointer + r * 2 * h + h, count: h)
        }
        let fromForward = forwardLayer.backward(forwardGradient)
        guard computesInputGradient else {
            _ = backwardLayer.backward(backwardGradient)
            return fromForward
        }
        inputGradient.copy(from: fromForward)
        let fromBackward = backwardLayer.backward(backwardGradient)
        let dx = inputGradient.pointer, other = fromBackward.pointer
        for i in 0..<inputGradient.count { dx[i] += other[i] }
        return inputGradient
    }
}

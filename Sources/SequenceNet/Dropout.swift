/// `nn.Dropout`: in training, each element is zeroed with probability `p` and the survivors are
/// scaled by 1/(1-p) ("inverted" dropout), so evaluation needs no rescaling and passes x through.
public final class Dropout: Layer {
    public let probability: Float
    private let random: RandomSource
    private let mask = Tensor(shape: [0])  // 0 or 1/(1-p) per element
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    private var lastWasTraining = false

    public init(_ probability: Float, random: RandomSource) {
        precondition(
            (0..<1).contains(probability), "dropout probability must be in [0, 1), got \(probability)")
        self.probability = probability
        self.random = random
    }

    public var randomSources: [RandomSource] { [random] }

    // x [any] -> y [same]
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        lastWasTraining = training && probability > 0
        output.resize(x.shape)
        guard lastWasTraining else {
            output.pointer.update(from: x.pointer, count: x.count)
            return output
        }
        // snippet.dropout-mask
        // A fresh mask every call: each value is kept with probability 1 - p and scaled by 1 / (1 - p).
        mask.resize(x.shape)
        let keep = 1 / (1 - probability)
        let m = mask.pointer, xs = x.pointer, y = output.pointer
        random.fillUnitFloats(m, count: x.count)  // torch.rand_like(x): one uniform draw per value
        for i in 0..<x.count {
            m[i] = m[i] < probability ? 0 : keep
            y[i] = xs[i] * m[i]
        }
        // snippet.end
        return output
    }

    // dy [any] -> dx [same], through the same mask
    public func backward(_ dy: Tensor) -> Tensor {
        inputGradient.resize(dy.shape)
        if lastWasTraining {
            let m = mask.pointer, g = dy.pointer, dx = inputGradient.pointer
            for i in 0..<dy.count { dx[i] = g[i] * m[i] }
        } else {
            inputGradient.pointer.update(from: dy.pointer, count: dy.count)
        }
        return inputGradient
    }
}

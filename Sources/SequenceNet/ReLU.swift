/// `nn.ReLU`: y = max(x, 0); the gradient passes where the input was positive.
public final class ReLU: Layer {
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    /// Set by `Sequential` when the layer before applies this ReLU in its own output pass
    /// (`AppliesReLU`): both passes then hand their tensor on unchanged.
    var absorbed = false

    public init() {}

    // x [any] -> y [same]
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        if absorbed { return x }
        output.resize(x.shape)
        let xs = x.pointer, y = output.pointer
        for i in 0..<x.count { y[i] = max(xs[i], 0) }
        return output
    }

    // dy [any] -> dx [same]; uses the saved output, which is positive exactly where x was
    public func backward(_ dy: Tensor) -> Tensor {
        if absorbed { return dy }
        inputGradient.resize(dy.shape)
        let y = output.pointer, g = dy.pointer, dx = inputGradient.pointer
        for i in 0..<dy.count {
            let gi = g[i]  // loaded unconditionally so that the loop vectorises
            dx[i] = y[i] > 0 ? gi : 0
        }
        return inputGradient
    }
}

/// A layer that can apply the ReLU after it in the pass that writes its output, as fusing compilers
/// (XLA, torch.compile) merge element-wise work into the loop before it: one pass over the activations
/// instead of two, each way. The values are the same to the bit: max(x, 0) and the gradient's mask are
/// exact. `Sequential` sets it up.
protocol AppliesReLU: Layer {
    /// When set, `forward` returns max(y, 0) and `backward` takes dL/d max(y, 0).
    var appliesReLU: Bool { get set }
}

extension Sequential {
    /// Lets each layer that can apply the ReLU right after it do so in its own output pass.
    func fuseReLUs() {
        for (layer, next) in zip(layers, layers.dropFirst()) {
            guard let producer = layer as? any AppliesReLU, let relu = next as? ReLU else { continue }
            producer.appliesReLU = true
            relu.absorbed = true
        }
    }
}

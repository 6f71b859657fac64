/// `nn.ReLU`: y = max(x, 0); the gradient passes where the input was positive.
public final class ReLU: Layer {
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    public init() {}

    // x [any] -> y [same]
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        output.resize(x.shape)
        let xs = x.pointer, y = output.pointer
        for i in 0..<x.count { y[i] = max(xs[i], 0) }
        return output
    }

    // dy [any] -> dx [same]; uses the saved output, which is positive exactly where x was
    public func backward(_ dy: Tensor) -> Tensor {
        inputGradient.resize(dy.shape)
        let y = output.pointer, g = dy.pointer, dx = inputGradient.pointer
        for i in 0..<dy.count {
            let gi = g[i]  // loaded unconditionally so that the loop vectorises
            dx[i] = y[i] > 0 ? gi : 0
        }
        return inputGradient
    }
}

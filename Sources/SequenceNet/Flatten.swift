/// `nn.Flatten`: [B, ...] -> [B, product of the rest]. Row-major data needs no copy: both passes
/// return views of the tensor they were given, under the other shape.
public final class Flatten: Layer {
    private let output = Tensor(viewing: Tensor(shape: [0]))
    private let inputGradient = Tensor(viewing: Tensor(shape: [0]))
    private var inputShape: [Int] = []

    public init() {}

    // x [B, C, T] -> y [B, C*T]
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        inputShape = x.shape
        output.view(x, as: [x.shape[0], x.count / max(x.shape[0], 1)])
        return output
    }

    // dy [B, C*T] -> dx [B, C, T]
    public func backward(_ dy: Tensor) -> Tensor {
        inputGradient.view(dy, as: inputShape)
        return inputGradient
    }
}

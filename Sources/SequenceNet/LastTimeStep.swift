/// `out[:, -1, :]`: a sequence's output at its last time step, [B, T, H] -> [B, H].
public final class LastTimeStep: Layer {
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    private var inputShape: [Int] = []

    public init() {}

    // snippet.last-step
    // x [B, T, H] -> y [B, H]
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        inputShape = x.shape
        let (batch, steps, h) = (x.shape[0], x.shape[1], x.shape[2])
        output.resize(batch, h)
        guard steps > 1 else {
            output.pointer.update(from: x.pointer, count: batch * h)
            return output
        }
        for b in 0..<batch {
            (output.pointer + b * h).update(from: x.pointer + (b * steps + steps - 1) * h, count: h)
        }
        return output
    }
    // snippet.end

    // dy [B, H] -> dx [B, T, H], zero except at the last step
    public func backward(_ dy: Tensor) -> Tensor {
        inputGradient.resize(inputShape)
        inputGradient.zero()
        let (batch, steps, h) = (inputShape[0], inputShape[1], inputShape[2])
        for b in 0..<batch {
            (inputGradient.pointer + (b * steps + steps - 1) * h).update(from: dy.pointer + b * h, count: h)
        }
        return inputGradient
    }
}

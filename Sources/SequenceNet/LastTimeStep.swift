/// `out[:, -1, :]`: a sequence's output at its last time step, [B, T, H] -> [B, H].
public final class LastTimeStep: TakesTimeMajor {
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    private var inputShape: [Int] = []
    /// Set by `Sequential` after a recurrent layer that hands its states over time-major
    /// (TimeMajorHandOff.swift): x is [T, B, H], and the last step is its last block of rows.
    var takesTimeMajor = false {
        didSet { inputGradient.resize([0]) }  // the last step lies elsewhere in the other order: zero again
    }

    public init() {}

    // snippet.last-step
    // x [B, T, H] -> y [B, H]
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        inputShape = x.shape
        if takesTimeMajor { return lastBlock(ofTimeMajor: x) }  // (see `takesTimeMajor`)
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

    // x [T, B, H] -> y [B, H]: the last step's rows lie together at the end
    private func lastBlock(ofTimeMajor x: Tensor) -> Tensor {
        let (steps, batch, h) = (x.shape[0], x.shape[1], x.shape[2])
        output.resize(batch, h)
        output.pointer.update(from: x.pointer + (steps - 1) * batch * h, count: batch * h)
        return output
    }

    // dy [B, H] -> dx [B, T, H] (time-major: [T, B, H]), zero except at the last step
    public func backward(_ dy: Tensor) -> Tensor {
        // Only the last step's rows are ever written here, and the layers below only read dx: the rest
        // is zeroed when the shape changes and stays zero.
        if inputGradient.shape != inputShape {
            inputGradient.resize(inputShape)
            inputGradient.zero()
        }
        if takesTimeMajor {
            let last = (inputShape[0] - 1) * inputShape[1] * inputShape[2]
            (inputGradient.pointer + last).update(from: dy.pointer, count: dy.count)
            return inputGradient
        }
        let (batch, steps, h) = (inputShape[0], inputShape[1], inputShape[2])
        for b in 0..<batch {
            (inputGradient.pointer + (b * steps + steps - 1) * h).update(from: dy.pointer + b * h, count: h)
        }
        return inputGradient
    }
}

import Testing

@testable import SequenceNet

/// `LastTimeStep` zeroes its input gradient only when the shape changes and then writes the last step
/// alone: every backward pass must still give dy at the last step and zero everywhere else, whatever
/// batch sizes came before.
@Suite struct LastTimeStepTests {
    /// dx as it must be: dy at step T - 1 of each sequence, zero elsewhere, in either order.
    func expected(_ dy: [Float], batch: Int, steps: Int, width: Int, timeMajor: Bool) -> [Float] {
        var dx = [Float](repeating: 0, count: batch * steps * width)
        for b in 0..<batch {
            let start = timeMajor ? ((steps - 1) * batch + b) * width : (b * steps + steps - 1) * width
            for j in 0..<width { dx[start + j] = dy[b * width + j] }
        }
        return dx
    }

    @Test(arguments: [false, true])
    func onlyTheLastStepGetsAGradient(timeMajor: Bool) {
        let layer = LastTimeStep()
        layer.takesTimeMajor = timeMajor
        let width = 3
        let random = RandomSource(seed: 5)
        // A batch size that changes and comes back, as the last batch of an epoch and a validation pass
        // do, and two shapes with the same number of elements, [4, 3, 3] and [2, 6, 3].
        for (batch, steps) in [(3, 4), (3, 4), (2, 4), (5, 4), (4, 3), (2, 6), (3, 4)] {
            let shape = timeMajor ? [steps, batch, width] : [batch, steps, width]
            let x = Tensor(
                shape: shape, values: (0..<batch * steps * width).map { _ in random.uniform(-1, 1) })
            _ = layer.forward(x, training: true)
            let dy = (0..<batch * width).map { _ in random.uniform(-1, 1) }
            let dx = layer.backward(Tensor(shape: [batch, width], values: dy))
            #expect(dx.shape == shape)
            #expect(
                bits(dx.values)
                    == bits(expected(dy, batch: batch, steps: steps, width: width, timeMajor: timeMajor)))
        }
    }

    /// Switching the order after a pass must not leave the zeros of the other order's last step behind.
    @Test func switchingTheOrderKeepsTheZeros() {
        let layer = LastTimeStep()
        let (batch, steps, width) = (3, 3, 2)  // [B, T, H] and [T, B, H] have the same shape
        let x = Tensor(
            shape: [batch, steps, width], values: [Float](repeating: 1, count: batch * steps * width))
        let dy = (0..<batch * width).map { Float($0 + 1) }
        _ = layer.forward(x, training: true)
        _ = layer.backward(Tensor(shape: [batch, width], values: dy))
        layer.takesTimeMajor = true
        _ = layer.forward(x, training: true)
        let dx = layer.backward(Tensor(shape: [batch, width], values: dy))
        #expect(
            bits(dx.values) == bits(expected(dy, batch: batch, steps: steps, width: width, timeMajor: true)))
    }
}

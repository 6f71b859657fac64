import Testing

@testable import SequenceNet

/// `Bidirectional` lets each direction write its half of every output row and read its half of every
/// gradient row in place. The numbers must be those of the two directions run on their own, their
/// outputs concatenated and the gradient split, as `torch.cat` and its backward do: to the bit.
@Suite struct BidirectionalInPlaceTests {
    /// The rows of a and b side by side: [B, T, H] twice -> [B, T, 2H].
    func concatenated(_ a: Tensor, _ b: Tensor) -> [Float] {
        let h = a.shape[2], (x, y) = (a.values, b.values)
        var rows: [Float] = []
        for r in 0..<a.count / h {
            let start = r * h
            rows += x[start..<start + h]
            rows += y[start..<start + h]
        }
        return rows
    }

    /// Half of every row of dy: [B, T, 2H] -> [B, T, H].
    func half(_ dy: Tensor, second: Bool) -> Tensor {
        let (batch, steps, h) = (dy.shape[0], dy.shape[1], dy.shape[2] / 2), g = dy.values
        var values: [Float] = []
        for r in 0..<batch * steps {
            let start = (2 * r + (second ? 1 : 0)) * h
            values += g[start..<start + h]
        }
        return Tensor(shape: [batch, steps, h], values: values)
    }

    func check<Cell: RecurrentCell>(_: Cell.Type, steps: Int, recurrentDropout: Float, onlyLastOutput: Bool) {
        let what =
            "\(Cell.name), \(steps) steps, recurrent dropout \(recurrentDropout), last only \(onlyLastOutput)"
        let layer = Bidirectional<Cell>(
            inputSize: 3, hiddenSize: 4, recurrentDropout: recurrentDropout, random: RandomSource(seed: 41))
        let source = RandomSource(seed: 41)
        let forwards = Recurrent<Cell>(
            inputSize: 3, hiddenSize: 4, recurrentDropout: recurrentDropout, random: source)
        let backwards = Recurrent<Cell>(
            inputSize: 3, hiddenSize: 4, reverse: true, recurrentDropout: recurrentDropout, random: source)
        layer.onlyLastOutput = onlyLastOutput
        forwards.onlyLastOutput = onlyLastOutput
        backwards.onlyLastOutput = onlyLastOutput

        let x = Tensor.uniform([2, steps, 3], bound: 1, random: RandomSource(seed: 42))
        var dy = Tensor.uniform([2, steps, 8], bound: 1, random: RandomSource(seed: 43))
        if onlyLastOutput {
            // Under `out[:, -1, :]` only the last step has a gradient.
            let g = dy.values, row = 8
            dy = Tensor(
                shape: dy.shape,
                values: g.indices.map { i in (i / row) % steps == steps - 1 ? g[i] : 0 })
        }
        let y = layer.forward(x, training: true).values
        let yApart = concatenated(forwards.forward(x, training: true), backwards.forward(x, training: true))
        #expect(bits(y) == bits(yApart), "outputs, \(what)")
        #expect(y.contains { $0 != 0 })

        let dx = layer.backward(dy).values
        let fromForward = forwards.backward(half(dy, second: false)).values
        let fromBackward = backwards.backward(half(dy, second: true)).values
        #expect(bits(dx) == bits(zip(fromForward, fromBackward).map { $0 + $1 }), "input gradients, \(what)")
        let apart = (forwards.parameters + backwards.parameters).map { bits($0.gradient.values) }
        #expect(layer.parameters.map { bits($0.gradient.values) } == apart, "parameter gradients, \(what)")
    }

    @Test func bothDirectionsInPlaceMatchTheDirectionsApart() {
        for (steps, recurrentDropout, onlyLast) in [
            (5, Float(0), false), (5, 0.3, false), (5, 0, true), (1, 0, false),
        ] {
            check(RNNCell.self, steps: steps, recurrentDropout: recurrentDropout, onlyLastOutput: onlyLast)
            check(GRUCell.self, steps: steps, recurrentDropout: recurrentDropout, onlyLastOutput: onlyLast)
            check(LSTMCell.self, steps: steps, recurrentDropout: recurrentDropout, onlyLastOutput: onlyLast)
        }
    }
}

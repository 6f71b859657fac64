import Testing

@testable import SequenceNet

/// `Bidirectional` lets each direction write its half of every output row and read its half of every
/// gradient row in place. The numbers must be those of the two directions run on their own, their
/// outputs concatenated and the gradient split, as `torch.cat` and its backward do: to the bit.
@Suite struct BidirectionalInPlaceTests {
    /// The rows of a and b side by side: [B, T, H] twice -> [B, T, 2H].
    static func concatenated(_ a: Tensor, _ b: Tensor) -> [Float] {
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
    static func half(_ dy: Tensor, second: Bool) -> Tensor {
        let (batch, steps, h) = (dy.shape[0], dy.shape[1], dy.shape[2] / 2), g = dy.values
        var values: [Float] = []
        for r in 0..<batch * steps {
            let start = (2 * r + (second ? 1 : 0)) * h
            values += g[start..<start + h]
        }
        return Tensor(shape: [batch, steps, h], values: values)
    }

    /// The layer as it was before it worked in place: both directions run on their own, outputs
    /// concatenated, dL/dy split in two, input gradients summed.
    struct DirectionsApart<Cell: RecurrentCell> {
        let forwards: Recurrent<Cell>, backwards: Recurrent<Cell>

        /// Built from the same seed as `Bidirectional(inputSize:hiddenSize:recurrentDropout:random:)`.
        init(inputSize: Int, recurrentDropout: Float, seed: UInt64) {
            let source = RandomSource(seed: seed)
            forwards = Recurrent(
                inputSize: inputSize, hiddenSize: 4, recurrentDropout: recurrentDropout, random: source)
            backwards = Recurrent(
                inputSize: inputSize, hiddenSize: 4, reverse: true, recurrentDropout: recurrentDropout,
                random: source)
        }

        var parameters: [Parameter] { forwards.parameters + backwards.parameters }

        func set(onlyLastOutput: Bool, computesInputGradient: Bool) {
            for direction in [forwards, backwards] {
                direction.onlyLastOutput = onlyLastOutput
                direction.computesInputGradient = computesInputGradient
            }
        }

        func forward(_ x: Tensor) -> Tensor {
            let y = BidirectionalInPlaceTests.concatenated(
                forwards.forward(x, training: true), backwards.forward(x, training: true))
            return Tensor(shape: [x.shape[0], x.shape[1], 8], values: y)
        }

        func backward(_ dy: Tensor) -> Tensor {
            let a = forwards.backward(BidirectionalInPlaceTests.half(dy, second: false))
            let b = backwards.backward(BidirectionalInPlaceTests.half(dy, second: true))
            return Tensor(shape: a.shape, values: zip(a.values, b.values).map { $0 + $1 })
        }
    }

    /// dy [B, T, 8], random, and under `out[:, -1, :]` zero but at the last step.
    func outputGradient(batch: Int, steps: Int, lastOnly: Bool, seed: UInt64) -> Tensor {
        let g = Tensor.uniform([batch, steps, 8], bound: 1, random: RandomSource(seed: seed)).values
        return Tensor(
            shape: [batch, steps, 8],
            values: g.indices.map { !lastOnly || ($0 / 8) % steps == steps - 1 ? g[$0] : 0 })
    }

    func check<Cell: RecurrentCell>(
        _: Cell.Type, steps: Int, recurrentDropout: Float, onlyLastOutput: Bool, computesInputGradient: Bool
    ) {
        let what =
            "\(Cell.name), \(steps) steps, recurrent dropout \(recurrentDropout), "
            + "last only \(onlyLastOutput), input gradient \(computesInputGradient)"
        let layer = Bidirectional<Cell>(
            inputSize: 3, hiddenSize: 4, recurrentDropout: recurrentDropout, random: RandomSource(seed: 41))
        let apart = DirectionsApart<Cell>(inputSize: 3, recurrentDropout: recurrentDropout, seed: 41)
        // A first pass at a larger batch over every step leaves numbers in every buffer, as an epoch's
        // earlier batches do; the checked pass must not depend on what they left.
        let wide = Tensor.uniform([3, steps, 3], bound: 1, random: RandomSource(seed: 44))
        let wideGradient = outputGradient(batch: 3, steps: steps, lastOnly: false, seed: 45)
        _ = layer.forward(wide, training: true)
        _ = layer.backward(wideGradient)
        _ = apart.forward(wide)
        _ = apart.backward(wideGradient)
        layer.onlyLastOutput = onlyLastOutput
        layer.computesInputGradient = computesInputGradient
        apart.set(onlyLastOutput: onlyLastOutput, computesInputGradient: computesInputGradient)

        let x = Tensor.uniform([2, steps, 3], bound: 1, random: RandomSource(seed: 42))
        let dy = outputGradient(batch: 2, steps: steps, lastOnly: onlyLastOutput, seed: 43)
        let y = layer.forward(x, training: true).values
        #expect(bits(y) == bits(apart.forward(x).values), "outputs, \(what)")
        #expect(y.contains { $0 != 0 })
        let dx = layer.backward(dy).values
        let dxApart = apart.backward(dy).values
        if computesInputGradient { #expect(bits(dx) == bits(dxApart), "input gradients, \(what)") }
        #expect(
            layer.parameters.map { bits($0.gradient.values) }
                == apart.parameters.map { bits($0.gradient.values) },
            "parameter gradients, \(what)")
    }

    @Test func bothDirectionsInPlaceMatchTheDirectionsApart() {
        for (steps, recurrentDropout, onlyLast, inputGradient) in [
            (5, Float(0), false, true), (5, 0.3, false, true), (5, 0, true, true), (1, 0, false, true),
            (5, 0, false, false),
        ] {
            check(
                RNNCell.self, steps: steps, recurrentDropout: recurrentDropout, onlyLastOutput: onlyLast,
                computesInputGradient: inputGradient)
            check(
                GRUCell.self, steps: steps, recurrentDropout: recurrentDropout, onlyLastOutput: onlyLast,
                computesInputGradient: inputGradient)
            check(
                LSTMCell.self, steps: steps, recurrentDropout: recurrentDropout, onlyLastOutput: onlyLast,
                computesInputGradient: inputGradient)
        }
    }

    /// Two layers stacked, as the book's model stacks them: the upper one's input gradient, which it
    /// sums in place, is the lower one's dL/dy, read in place.
    @Test func stackedLayersMatchTheDirectionsApart() {
        let lower = Bidirectional<GRUCell>(inputSize: 3, hiddenSize: 4, random: RandomSource(seed: 46))
        let upper = Bidirectional<GRUCell>(inputSize: 8, hiddenSize: 4, random: RandomSource(seed: 47))
        let lowerApart = DirectionsApart<GRUCell>(inputSize: 3, recurrentDropout: 0, seed: 46)
        let upperApart = DirectionsApart<GRUCell>(inputSize: 8, recurrentDropout: 0, seed: 47)
        let x = Tensor.uniform([3, 4, 3], bound: 1, random: RandomSource(seed: 48))
        let dy = outputGradient(batch: 3, steps: 4, lastOnly: false, seed: 49)
        let y = upper.forward(lower.forward(x, training: true), training: true).values
        #expect(bits(y) == bits(upperApart.forward(lowerApart.forward(x)).values), "outputs")
        let dx = lower.backward(upper.backward(dy)).values
        #expect(bits(dx) == bits(lowerApart.backward(upperApart.backward(dy)).values), "input gradients")
        let gradients = (lower.parameters + upper.parameters).map { bits($0.gradient.values) }
        let gradientsApart = (lowerApart.parameters + upperApart.parameters).map { bits($0.gradient.values) }
        #expect(gradients == gradientsApart, "parameter gradients")
    }
}

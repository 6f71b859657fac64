import Testing

@testable import SequenceNet

/// A layer's `backward` reads dL/dy and never writes into it (the `Layer` contract). `LastTimeStep`
/// relies on this: it zeroes its input gradient once per shape and then writes only the last step, so
/// a layer below it that wrote into its dy would leave stale numbers at the other steps.
@Suite struct GradientLeftAloneTests {
    /// Every kind of layer in the library, each with the input shape it takes.
    func layers() -> [(name: String, layer: Layer, input: [Int])] {
        let random = RandomSource(seed: 51)
        return [
            ("Linear", Linear(3, 2, random: random), [4, 3]),
            ("ReLU", ReLU(), [4, 3]),
            ("Dropout", Dropout(0.3, random: random), [4, 3]),
            ("Flatten", Flatten(), [4, 2, 3]),
            ("Conv1d", Conv1d(2, 3, kernelSize: 3, padding: .same, random: random), [4, 2, 6]),
            ("LastTimeStep", LastTimeStep(), [4, 5, 3]),
            ("RNN", Recurrent<RNNCell>(inputSize: 3, hiddenSize: 2, random: random), [4, 5, 3]),
            (
                "GRU with recurrent dropout",
                Recurrent<GRUCell>(inputSize: 3, hiddenSize: 2, recurrentDropout: 0.3, random: random),
                [4, 5, 3]
            ),
            ("LSTM", Recurrent<LSTMCell>(inputSize: 3, hiddenSize: 2, random: random), [4, 5, 3]),
            (
                "bidirectional GRU", Bidirectional<GRUCell>(inputSize: 3, hiddenSize: 2, random: random),
                [4, 5, 3]
            ),
            // A convolution that applies the ReLU after it, which then hands dy on unchanged.
            (
                "convolution with its ReLU",
                Sequential([Conv1d(2, 3, kernelSize: 3, padding: .same, random: random), ReLU(), Flatten()]),
                [4, 2, 6]
            ),
            (
                "stacked GRUs handing over time-major",
                Sequential([
                    recurrentModule(.gru, inputSize: 3, hiddenSize: 2, random: random),
                    recurrentModule(.gru, inputSize: 2, hiddenSize: 2, random: random), LastTimeStep(),
                ]), [4, 5, 3]
            ),
        ]
    }

    @Test func backwardNeverWritesIntoItsOutputGradient() {
        for (name, layer, shape) in layers() {
            let x = Tensor.uniform(shape, bound: 1, random: RandomSource(seed: 52))
            let y = layer.forward(x, training: true)
            let dy = Tensor.uniform(y.shape, bound: 1, random: RandomSource(seed: 53))
            let before = bits(dy.values)
            _ = layer.backward(dy)
            #expect(bits(dy.values) == before, "\(name)")
        }
    }
}

import Testing

@testable import SequenceNet

/// A model whose input is data needs no dL/dx: with `computesInputGradient` off, its first layers
/// skip those products, and every parameter gradient is bit for bit what the full backward pass gives.
@Suite struct InputGradientTests {
    /// The first layers the book's models start with: a bidirectional GRU (as Sequential, like
    /// `recurrentModule`), a convolution, a dense layer after a flatten.
    static func model(_ index: Int) -> (String, (RandomSource) -> Sequential) {
        [
            (
                "bidirectional GRU",
                { random in
                    Sequential([
                        Sequential([Bidirectional<GRUCell>(inputSize: 3, hiddenSize: 4, random: random)]),
                        LastTimeStep(), Linear(8, 1, random: random),
                    ])
                }
            ),
            (
                "LSTM",
                { random in
                    Sequential([
                        Recurrent<LSTMCell>(inputSize: 3, hiddenSize: 4, random: random), LastTimeStep(),
                        Linear(4, 1, random: random),
                    ])
                }
            ),
            (
                "convolution",
                { random in
                    Sequential([
                        Conv1d(1, 2, kernelSize: 3, random: random), Flatten(),
                        Linear(2 * 3, 1, random: random),
                    ])
                }
            ),
            (
                "flatten, then dense",
                { random in
                    Sequential([
                        Flatten(), Linear(5, 2, random: random), ReLU(), Linear(2, 1, random: random),
                    ])
                }
            ),
        ][index]
    }

    static let inputShapes = [[2, 5, 3], [2, 5, 3], [2, 1, 5], [2, 1, 5]]

    @Test(arguments: 0..<4)
    func sameParameterGradientsWithFewerProducts(model index: Int) {
        let (name, build) = Self.model(index)
        var gradients: [[[Float]]] = [], products: [Int] = []
        for computesInputGradient in [true, false] {
            let model = build(RandomSource(seed: 7))
            let meter = ProductMeter()
            model.products = ProductEngine(meter: meter)
            model.computesInputGradient = computesInputGradient
            let x = Tensor.uniform(Self.inputShapes[index], bound: 1, random: RandomSource(seed: 8))
            let y = model.forward(x, training: true)
            _ = model.backward(Tensor.uniform(y.shape, bound: 1, random: RandomSource(seed: 9)))
            gradients.append(model.parameters.map(\.gradient.values))
            products.append(meter.shapeCounts.values.reduce(0, +))
        }
        #expect(gradients[0] == gradients[1], "\(name): parameter gradients differ")
        #expect(
            products[1] < products[0], "\(name): \(products[1]) products without dL/dx, \(products[0]) with")
    }
}

@testable import SequenceNet
import Testing

/// Finite-difference checks of backpropagation through time, for every cell, on small sizes.
extension GradientCheckTests {
    @Test(arguments: CellKind.allCases)
    func recurrentOverSeveralSteps(cell: CellKind) {
        let layer = recurrentLayer(cell, inputSize: 2, hiddenSize: 3, random: RandomSource(seed: 21))
        check(layer, input: randomTensor([2, 4, 2], seed: 22), step: 1e-2, "\(cell) T=4")
    }

    @Test(arguments: CellKind.allCases)
    func recurrentSingleStep(cell: CellKind) {
        // The book's layout: one step, no recurrent product at all.
        let layer = recurrentLayer(cell, inputSize: 5, hiddenSize: 3, random: RandomSource(seed: 23))
        check(layer, input: randomTensor([3, 1, 5], seed: 24), step: 1e-2, "\(cell) T=1")
    }

    @Test(arguments: CellKind.allCases)
    func bidirectional(cell: CellKind) {
        let layer = recurrentLayer(
            cell, inputSize: 2, hiddenSize: 3, bidirectional: true, random: RandomSource(seed: 25))
        check(layer, input: randomTensor([2, 3, 2], seed: 26), step: 1e-2, "bidirectional \(cell)")
    }

    /// Recurrent (variational) dropout with its mask held fixed: gradients flow through the kept units only.
    @Test(arguments: CellKind.allCases)
    func recurrentDropoutWithAFixedMask(cell: CellKind) {
        let layer = recurrentLayer(
            cell, inputSize: 2, hiddenSize: 4, recurrentDropout: 0.5, random: RandomSource(seed: 27))
        for direction in layer.directions { direction.reusesMask = true }
        check(layer, input: randomTensor([2, 4, 2], seed: 28), step: 1e-2, "\(cell) with recurrent dropout")
    }

    /// Two stacked layers and the last-step selection, as the book's models use them. The model's one
    /// output per sequence makes every gradient small, so R is scaled up until they are of order 0.1.
    @Test func stackedThenLastStep() {
        let random = RandomSource(seed: 29)
        let model = Sequential([
            recurrentModule(.gru, inputSize: 2, hiddenSize: 3, layers: 2, random: random),
            LastTimeStep(), Linear(3, 1, random: random),
        ])
        check(
            model, input: randomTensor([2, 5, 2], seed: 30), step: 1e-2, scale: 20,
            "GRU x2 -> last step -> Linear")
    }
}

import SequenceNet
import Testing

/// `onlyLastOutput` is a shortcut, not a different model: under `LastTimeStep` the prediction and every
/// gradient are the same with it as without it, to rounding (the input projection of the one step it
/// runs is a smaller matrix product, which oneDNN may sum in another order: a few units in the last
/// place).
@Suite struct LastOutputTests {
    func model(_ cell: CellKind, onlyLastOutput: Bool) -> Sequential {
        let random = RandomSource(seed: 11)
        return Sequential([
            recurrentModule(cell, inputSize: 3, hiddenSize: 5, bidirectional: true, random: random),
            recurrentModule(
                cell, inputSize: 10, hiddenSize: 5, bidirectional: true, onlyLastOutput: onlyLastOutput,
                random: random),
            LastTimeStep(),
            Linear(10, 1, random: random),
        ])
    }

    @Test(arguments: CellKind.allCases)
    func sameNumbersAsTheFullPass(cell: CellKind) {
        let random = RandomSource(seed: 3)
        let x = Tensor(shape: [4, 6, 3], values: (0..<72).map { _ in random.uniform(-1, 1) })
        let dy = Tensor(shape: [4, 1], values: [0.5, -1, 2, 0.25])
        var results: [(output: [Float], inputGradient: [Float], gradients: [[Float]])] = []
        for flag in [false, true] {
            let net = model(cell, onlyLastOutput: flag)
            let output = net.forward(x, training: true).values
            let inputGradient = net.backward(dy).values
            results.append((output, inputGradient, net.parameters.map(\.gradient.values)))
        }
        func close(_ a: [Float], _ b: [Float]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) }
        }
        #expect(close(results[1].output, results[0].output))
        #expect(close(results[1].inputGradient, results[0].inputGradient))
        for (index, (short, full)) in zip(results[1].gradients, results[0].gradients).enumerated() {
            #expect(close(short, full), "parameter \(index)")
        }
        // The reverse direction of the top layer runs one step from a zero state: its W_hh gets no gradient
        // either way. Every other parameter does.
        #expect(results[0].gradients.filter { $0.allSatisfy { $0 == 0 } }.count == 1)
    }
}

import Foundation
import SequenceNet
import Testing

/// RNN, GRU and LSTM against PyTorch (Fixtures/recurrent.json, made by
/// Tools/reference/make_recurrent_fixtures.py): outputs, final states, input gradients and every
/// parameter gradient, one- and two-layer, one and both directions, one step and 47. The book's four
/// models whole, built by `Workbook`'s `BookModel`, are checked against the same file by
/// WorkbookTests/BookModelReferenceTests.
///
/// Tolerance 1e-4 of the largest magnitude: float32 with tanh and sigmoid from different libraries
/// (last-bit differences) carried through up to 47 steps of recurrence and sums of up to a few
/// hundred terms; a wrong gate or a missing term is off by far more.
@Suite struct RecurrentReferenceTests {
    struct Case: Decodable {
        let name: String, cell: String
        let input_size: Int, hidden_size: Int, num_layers: Int, bidirectional: Bool, batch: Int, steps: Int
        let params: [String: [Float]]
        let input: [Float], grad_output: [Float], output: [Float], final_hidden: [Float]
        let final_cell: [Float]?
        let grad_input: [Float], grads: [String: [Float]]
    }
    struct Fixture: Decodable {
        let cases: [Case]
    }

    static let fixture: Fixture = {
        let url = Bundle.module.url(
            forResource: "recurrent", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    static var caseNames: [String] { fixture.cases.map(\.name) }

    @Test(arguments: caseNames)
    func matchesPyTorch(name: String) throws {
        let c = Self.fixture.cases.first { $0.name == name }!
        let cell = try #require(CellKind(rawValue: c.cell))
        let module = recurrentModule(
            cell, inputSize: c.input_size, hiddenSize: c.hidden_size, layers: c.num_layers,
            bidirectional: c.bidirectional, random: RandomSource(seed: 1))
        let named = Dictionary(uniqueKeysWithValues: module.parameters.map { ($0.name, $0) })
        #expect(Set(named.keys) == Set(c.params.keys))
        for (key, values) in c.params { load(named[key]!, values) }

        let directions = c.bidirectional ? 2 : 1
        let x = Tensor(shape: [c.batch, c.steps, c.input_size], values: c.input)
        let y = module.forward(x, training: true)
        #expect(y.shape == [c.batch, c.steps, directions * c.hidden_size])
        expectClose(y.values, c.output, tolerance: 1e-4, "\(name) output")

        // h_n in PyTorch's [layers * directions, B, H] order.
        var finals: [Float] = [], cells: [Float] = []
        for layer in module.layers {
            guard let recurrent = layer as? any RecurrentLayer else { continue }
            for direction in recurrent.directions {
                let state = direction.finalState()
                finals += state.hidden
                cells += state.cell ?? []
            }
        }
        expectClose(finals, c.final_hidden, tolerance: 1e-4, "\(name) final hidden state")
        if let expectedCells = c.final_cell {
            expectClose(cells, expectedCells, tolerance: 1e-4, "\(name) final cell state")
        }

        let dx = module.backward(Tensor(shape: y.shape, values: c.grad_output))
        expectClose(dx.values, c.grad_input, tolerance: 1e-4, "\(name) input gradient")
        for (key, expected) in c.grads {
            expectClose(named[key]!.gradient.values, expected, tolerance: 1e-4, "\(name) \(key) gradient")
        }
    }
}

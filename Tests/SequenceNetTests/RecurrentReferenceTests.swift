import Foundation
import SequenceNet
import Testing
import Workbook

/// RNN, GRU and LSTM against PyTorch (Fixtures/recurrent.json, made by
/// Tools/reference/make_recurrent_fixtures.py): outputs, final states, input gradients and every
/// parameter gradient, one- and two-layer, one and both directions, one step and 47; and the book's
/// four models whole.
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
    struct BookModels: Decodable {
        let simple_rnn: [String: Int], gru: [String: Int], lstm: [String: Int],
            bidirectional_gru: [String: Int]
    }
    /// One of the book's models, hidden size 4, run whole in eval mode on [2, 6, 1].
    struct ModelPass: Decodable {
        let names: [String], params: [[Float]]
        let input: [Float], output: [Float], grad_output: [Float], grad_input: [Float]
        /// nil for fc1 of the GRU and LSTM models, which their forward() never calls.
        let grads: [[Float]?]
    }
    struct Fixture: Decodable {
        let cases: [Case]; let book_models: BookModels; let book_model_passes: [String: ModelPass]
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

    /// The book's models whole, as `BookModel` builds them (two stacked modules, `out[:, -1, :]` and the
    /// layers after it, the bidirectional GRU's one-step reverse half on top): output, input gradient
    /// and every parameter's gradient against the notebooks' models in PyTorch.
    @Test(arguments: BookModel.allCases)
    func bookModelsWholeMatchPyTorch(model: BookModel) throws {
        let key =
            switch model {
            case .simpleRNN: "simple_rnn"
            case .gru: "gru"
            case .lstm: "lstm"
            case .bidirectionalGRU: "bidirectional_gru"
            }
        let pass = try #require(Self.fixture.book_model_passes[key])
        let built = model.build(inputSize: 1, hiddenSize: 4, dropout: 0.1, random: RandomSource(seed: 3))
        // PyTorch's parameters() in order, less the fc1 that forward() never calls (not built here).
        let used = pass.names.indices.filter { pass.grads[$0] != nil }
        let parameters = built.model.parameters
        try #require(parameters.count == used.count, "\(parameters.map(\.name)) against \(pass.names)")
        for (parameter, index) in zip(parameters, used) {
            #expect(
                pass.names[index].hasSuffix("." + parameter.name),
                "\(pass.names[index]) against \(parameter.name)")
            try #require(pass.params[index].count == parameter.value.count, "\(pass.names[index])")
            load(parameter, pass.params[index])
        }
        let y = built.model.forward(Tensor(shape: [2, 6, 1], values: pass.input), training: false)
        expectClose(y.values, pass.output, tolerance: 1e-4, "\(key) output")
        let dx = built.model.backward(Tensor(shape: y.shape, values: pass.grad_output))
        expectClose(dx.values, pass.grad_input, tolerance: 1e-4, "\(key) input gradient")
        for (parameter, index) in zip(parameters, used) {
            expectClose(
                parameter.gradient.values, pass.grads[index]!, tolerance: 1e-4,
                "\(key) \(pass.names[index]) gradient")
        }
    }

    /// The book's models, as `BookModel` builds them, have PyTorch's parameter counts. The GRU and
    /// LSTM models' `fc1` (never used in their forward pass) is not built but is counted, as PyTorch does.
    @Test(arguments: BookModel.allCases)
    func bookModelParameterCounts(model: BookModel) {
        let counts = Self.fixture.book_models
        let expected: [String: Int] =
            switch model {
            case .simpleRNN: counts.simple_rnn
            case .gru: counts.gru
            case .lstm: counts.lstm
            case .bidirectionalGRU: counts.bidirectional_gru
            }
        for inputs in [47, 59] {
            let built = model.build(inputSize: inputs, dropout: 0.1, random: RandomSource(seed: 2))
            #expect(built.bookParameterCount == expected[String(inputs)], "\(model) with \(inputs) inputs")
            let unused = model == .gru || model == .lstm ? 100 * 100 + 100 : 0
            #expect(built.model.parameterCount == built.bookParameterCount - unused)
        }
    }

    /// Each book model is built of the cell and the directions it declares, which its memory estimate
    /// reads without building it.
    @Test(arguments: BookModel.allCases)
    func bookModelsAreBuiltOfTheirDeclaredCell(model: BookModel) {
        func runs<Cell: RecurrentCell>(_: Cell.Type, _ direction: any RecurrentDirection) -> Bool {
            direction is Recurrent<Cell>
        }
        let built = model.build(inputSize: 3, hiddenSize: 4, dropout: 0, random: RandomSource(seed: 2))
        let layers = built.model.layers.compactMap { $0 as? Sequential }.flatMap(\.layers)
            .compactMap { $0 as? any RecurrentLayer }
        #expect(layers.count == 2)
        for layer in layers {
            #expect(layer.directions.count == model.directions)
            #expect(layer.directions.allSatisfy { runs(model.cell.cellType, $0) })
        }
    }
}

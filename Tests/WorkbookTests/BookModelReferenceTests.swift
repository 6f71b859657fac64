import Foundation
import SequenceNet
import Testing
import Workbook
import WorkbookData

/// The book's four models whole, as `BookModel` builds them, against the notebooks' models in PyTorch
/// (SequenceNetTests/Fixtures/recurrent.json, made by Tools/reference/make_recurrent_fixtures.py; its
/// single layers are checked by SequenceNetTests/RecurrentReferenceTests). Tolerance 1e-4 of the largest
/// magnitude, as there.
@Suite struct BookModelReferenceTests {
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
        let book_models: BookModels; let book_model_passes: [String: ModelPass]
    }

    /// Read from the layer tests' fixtures, where the script writes it, rather than kept twice.
    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SequenceNetTests/Fixtures/recurrent.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

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

    private func load(_ parameter: Parameter, _ values: [Float]) {
        parameter.value.copy(from: Tensor(shape: parameter.value.shape, values: values))
    }

    /// Every value within `tolerance` of the largest expected magnitude (at least 1).
    private func expectClose(
        _ actual: [Float], _ expected: [Float], tolerance: Float, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let scale = max(expected.map(abs).max() ?? 0, 1)
        let worst = zip(actual, expected).map { abs($0 - $1) }.max() ?? 0
        #expect(
            actual.count == expected.count && worst <= tolerance * scale, "\(what): off by \(worst)",
            sourceLocation: sourceLocation)
    }
}

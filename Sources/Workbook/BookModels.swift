import SequenceNet
import WorkbookData
import WorkbookFigures

/// The chapter's recurrent models, as the book's notebooks define them (chapters/notebooks.md), built from
/// the library's layers. Input [B, T, C]: the notebooks feed one step of `window - 1` features
/// ([B, 1, C]); the sequence layout feeds `window - 1` steps of one feature ([B, T, 1]).
public enum BookModel: String, CaseIterable, Sendable {
    case simpleRNN = "rnn", gru, lstm, bidirectionalGRU = "bigru"

    /// The cell of the model's two recurrent layers (`build` uses no other; a test checks).
    public var cell: CellKind {
        switch self {
        case .simpleRNN: .rnn
        case .gru, .bidirectionalGRU: .gru
        case .lstm: .lstm
        }
    }

    /// The directions of each recurrent layer: 2 for a bidirectional model.
    public var directions: Int {
        switch self {
        case .bidirectionalGRU: 2
        case .simpleRNN, .gru, .lstm: 1
        }
    }

    /// Parameters the book's class defines but its forward pass never calls, so not built here: the
    /// GRU and LSTM models' `fc1 = Linear(H, H)`.
    func unusedBookParameters(hiddenSize h: Int) -> Int {
        switch self {
        case .gru, .lstm: h * h + h
        case .simpleRNN, .bidirectionalGRU: 0
        }
    }

    /// The model, and the number of parameters PyTorch reports for the book's version (which for
    /// the GRU and LSTM includes a `fc1 = Linear(100, 100)` that their forward pass never uses and
    /// that is therefore not built here).
    public func build(
        inputSize: Int, hiddenSize: Int = 100, dropout: Float, recurrentDropout: Float = 0,
        random: RandomSource
    ) -> (model: Sequential, bookParameterCount: Int) {
        let h = hiddenSize
        // snippet.stacked
        func stacked(_ cell: CellKind) -> [Layer] {
            // The notebooks pass `dropout=` to each one-layer module, where PyTorch ignores it.
            [
                recurrentModule(
                    cell, inputSize: inputSize, hiddenSize: h, dropout: dropout,
                    recurrentDropout: recurrentDropout, random: random),
                recurrentModule(
                    cell, inputSize: h, hiddenSize: h, dropout: dropout,
                    recurrentDropout: recurrentDropout, random: random),
                LastTimeStep(),
            ]
        }
        // snippet.end
        switch self {
        case .simpleRNN:
            // snippet.simple-rnn
            let model = Sequential([
                recurrentModule(
                    .rnn, inputSize: inputSize, hiddenSize: h, dropout: dropout,
                    recurrentDropout: recurrentDropout, random: random),
                recurrentModule(
                    .rnn, inputSize: h, hiddenSize: h, dropout: dropout,
                    recurrentDropout: recurrentDropout, random: random),
                LastTimeStep(),  // out[:, -1, :]
                Dropout(dropout, random: random),
                Linear(h, 1, random: random),
            ])
            // snippet.end
            return (model, bookParameterCount(of: model, hiddenSize: h))
        case .gru:
            // snippet.gru
            let model = Sequential(
                stacked(.gru) + [Dropout(dropout, random: random), Linear(h, 1, random: random)])
            // snippet.end
            return (model, bookParameterCount(of: model, hiddenSize: h))
        case .lstm:
            // snippet.lstm
            let model = Sequential(stacked(.lstm) + [Linear(h, 1, random: random)])
            // snippet.end
            return (model, bookParameterCount(of: model, hiddenSize: h))
        case .bidirectionalGRU:
            // snippet.bidirectional-gru
            let model = Sequential([
                recurrentModule(
                    .gru, inputSize: inputSize, hiddenSize: h, dropout: dropout, bidirectional: true,
                    recurrentDropout: recurrentDropout, random: random),
                // Only out[:, -1, :] is used, so this layer's reverse half needs to run just one step.
                recurrentModule(
                    .gru, inputSize: 2 * h, hiddenSize: h, dropout: dropout, bidirectional: true,
                    recurrentDropout: recurrentDropout, onlyLastOutput: true, random: random),
                LastTimeStep(),  // out[:, -1, :]
                Linear(2 * h, h, random: random), ReLU(), Dropout(dropout, random: random),
                Linear(h, 1, random: random),
            ])
            // snippet.end
            return (model, bookParameterCount(of: model, hiddenSize: h))
        }
    }

    /// The number of parameters PyTorch reports for the book's version of `model`: those built, and
    /// the unused ones of the book's class.
    public func bookParameterCount(of model: Sequential, hiddenSize h: Int) -> Int {
        model.parameterCount + unusedBookParameters(hiddenSize: h)
    }

    /// Says once, on standard error, that `dropout` on the one-layer recurrent modules the notebooks
    /// build does nothing: PyTorch applies a module's dropout only between its stacked layers (and
    /// warns). The workbook builds them the same way and says so, rather than silently differ.
    public func noteOneLayerDropout(_ dropout: Float) {
        guard dropout > 0 else { return }
        printToStandardError(
            "note: dropout=\(dropout) on a one-layer \(cell.cellType.name) has no effect: PyTorch applies a "
                + "recurrent module's dropout only between its stacked layers "
                + "(the book's models pass it all the same).\n"
        )
    }
}

/// Layer `index` of a recurrent module of a cell named at run time: `Recurrent<Cell>`, or for
/// `bidirectional` a `Bidirectional<Cell>`, with PyTorch's parameter names (`weight_ih_l0`, and for
/// the reverse direction `weight_ih_l0_reverse`).
public func recurrentLayer(
    _ kind: CellKind, inputSize: Int, hiddenSize: Int, bidirectional: Bool = false,
    recurrentDropout: Float = 0, index: Int = 0, random: RandomSource
) -> any RecurrentLayer {
    func make<Cell: RecurrentCell>(_: Cell.Type) -> any RecurrentLayer {
        bidirectional
            ? Bidirectional<Cell>(
                inputSize: inputSize, hiddenSize: hiddenSize, recurrentDropout: recurrentDropout,
                layerIndex: index, random: random)
            : Recurrent<Cell>(
                inputSize: inputSize, hiddenSize: hiddenSize, recurrentDropout: recurrentDropout,
                names: "_l\(index)", random: random)
    }
    return make(kind.cellType)
}

/// A recurrent module as PyTorch's `nn.RNN/GRU/LSTM(input, hidden, num_layers, dropout, bidirectional)`:
/// `layers` recurrent layers stacked, with dropout between them and not after the last.
/// `onlyLastOutput` says that only the top layer's `out[:, -1, :]` will be used (see `RecurrentLayer`).
///
/// As in PyTorch, `dropout` on a one-layer module does nothing (PyTorch warns; the book's models pass
/// it anyway, and the workbook says so where it builds them).
public func recurrentModule(
    _ kind: CellKind, inputSize: Int, hiddenSize: Int, layers: Int = 1,
    dropout: Float = 0, bidirectional: Bool = false, recurrentDropout: Float = 0,
    onlyLastOutput: Bool = false, random: RandomSource
) -> Sequential {
    precondition(layers >= 1, "a recurrent module needs at least one layer")
    var stack: [Layer] = []
    var size = inputSize
    for index in 0..<layers {
        if index > 0 && dropout > 0 { stack.append(Dropout(dropout, random: random)) }
        let layer = recurrentLayer(
            kind, inputSize: size, hiddenSize: hiddenSize, bidirectional: bidirectional,
            recurrentDropout: recurrentDropout, index: index, random: random)
        // Only the top layer's last output can be all that is needed.
        layer.onlyLastOutput = onlyLastOutput && index == layers - 1
        stack.append(layer)
        size = (bidirectional ? 2 : 1) * hiddenSize
    }
    return Sequential(stack)
}

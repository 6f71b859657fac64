/// One recurrent layer of a cell named at run time: `Recurrent<RNNCell>`, `<GRUCell>` or `<LSTMCell>`.
public func recurrentLayer(
    _ kind: CellKind, inputSize: Int, hiddenSize: Int, reverse: Bool = false,
    recurrentDropout: Float = 0, names suffix: String = "_l0",
    random: RandomSource
) -> any RecurrentLayer & RecurrentDirection {
    switch kind {
    case .rnn:
        return Recurrent<RNNCell>(
            inputSize: inputSize, hiddenSize: hiddenSize, reverse: reverse,
            recurrentDropout: recurrentDropout, names: suffix, random: random)
    case .gru:
        return Recurrent<GRUCell>(
            inputSize: inputSize, hiddenSize: hiddenSize, reverse: reverse,
            recurrentDropout: recurrentDropout, names: suffix, random: random)
    case .lstm:
        return Recurrent<LSTMCell>(
            inputSize: inputSize, hiddenSize: hiddenSize, reverse: reverse,
            recurrentDropout: recurrentDropout, names: suffix, random: random)
    }
}

/// A bidirectional layer of a cell named at run time.
public func bidirectionalLayer(
    _ kind: CellKind, inputSize: Int, hiddenSize: Int, recurrentDropout: Float = 0,
    layerIndex: Int = 0, random: RandomSource
) -> any RecurrentLayer {
    switch kind {
    case .rnn:
        return Bidirectional<RNNCell>(
            inputSize: inputSize, hiddenSize: hiddenSize,
            recurrentDropout: recurrentDropout, layerIndex: layerIndex, random: random)
    case .gru:
        return Bidirectional<GRUCell>(
            inputSize: inputSize, hiddenSize: hiddenSize,
            recurrentDropout: recurrentDropout, layerIndex: layerIndex, random: random)
    case .lstm:
        return Bidirectional<LSTMCell>(
            inputSize: inputSize, hiddenSize: hiddenSize,
            recurrentDropout: recurrentDropout, layerIndex: layerIndex, random: random)
    }
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
        let layer =
            bidirectional
            ? bidirectionalLayer(
                kind, inputSize: size, hiddenSize: hiddenSize, recurrentDropout: recurrentDropout,
                layerIndex: index, random: random)
            : recurrentLayer(
                kind, inputSize: size, hiddenSize: hiddenSize, recurrentDropout: recurrentDropout,
                names: "_l\(index)", random: random)
        // Only the top layer's last output can be all that is needed.
        layer.onlyLastOutput = onlyLastOutput && index == layers - 1
        stack.append(layer)
        size = (bidirectional ? 2 : 1) * hiddenSize
    }
    return Sequential(stack)
}

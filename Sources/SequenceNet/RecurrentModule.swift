import Foundation
import Synchronization

/// A recurrent module as PyTorch's `nn.RNN/GRU/LSTM(input, hidden, num_layers, dropout, bidirectional)`:
/// `layers` recurrent layers stacked, with dropout between them and not after the last.
/// `onlyLastOutput` says that only the top layer's `out[:, -1, :]` will be used (see `Recurrent`).
///
/// As in PyTorch, `dropout` on a one-layer module does nothing. The book's models pass it anyway;
/// the library then says so once, as PyTorch warns, rather than silently doing something else.
public func recurrentModule(_ cell: RecurrentCell, inputSize: Int, hiddenSize: Int, layers: Int = 1,
                            dropout: Float = 0, bidirectional: Bool = false, recurrentDropout: Float = 0,
                            onlyLastOutput: Bool = false, random: RandomSource) -> Sequential {
    precondition(layers >= 1, "a recurrent module needs at least one layer")
    if dropout > 0 && layers == 1 { warnOnceAboutOneLayerDropout(cell, dropout) }
    var stack: [Layer] = []
    var size = inputSize
    for index in 0..<layers {
        if index > 0 && dropout > 0 { stack.append(Dropout(dropout, random: random)) }
        // Only the top layer's last output can be all that is needed.
        let lastOnly = onlyLastOutput && index == layers - 1
        if bidirectional {
            let layer = Bidirectional(cell, inputSize: size, hiddenSize: hiddenSize,
                                      recurrentDropout: recurrentDropout, layerIndex: index, random: random)
            layer.onlyLastOutput = lastOnly
            stack.append(layer)
            size = 2 * hiddenSize
        } else {
            let layer = Recurrent(cell, inputSize: size, hiddenSize: hiddenSize,
                                  recurrentDropout: recurrentDropout, names: "_l\(index)", random: random)
            layer.onlyLastOutput = lastOnly
            stack.append(layer)
            size = hiddenSize
        }
    }
    return Sequential(stack)
}

private let oneLayerDropoutWarned = Mutex(false)

private func warnOnceAboutOneLayerDropout(_ cell: RecurrentCell, _ dropout: Float) {
    let first = oneLayerDropoutWarned.withLock { warned in
        defer { warned = true }
        return !warned
    }
    guard first else { return }
    FileHandle.standardError.write(Data(("note: dropout=\(dropout) on a one-layer \(cell.rawValue.uppercased()) has no effect: "
        + "PyTorch applies a recurrent module's dropout only between its stacked layers (the book's models pass it all the same).\n").utf8))
}

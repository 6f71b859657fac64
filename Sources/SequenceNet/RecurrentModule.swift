import Foundation
import Synchronization

/// A recurrent module as PyTorch's `nn.RNN/GRU/LSTM(input, hidden, num_layers, dropout, bidirectional)`:
/// `layers` recurrent layers stacked, with dropout between them and not after the last.
///
/// As in PyTorch, `dropout` on a one-layer module does nothing. The book's models pass it anyway;
/// the library then says so once, as PyTorch warns, rather than silently doing something else.
public func recurrentModule(_ cell: RecurrentCell, inputSize: Int, hiddenSize: Int, layers: Int = 1,
                            dropout: Float = 0, bidirectional: Bool = false, recurrentDropout: Float = 0,
                            random: RandomSource) -> Sequential {
    precondition(layers >= 1, "a recurrent module needs at least one layer")
    if dropout > 0 && layers == 1 { warnOnceAboutOneLayerDropout(cell, dropout) }
    var stack: [Layer] = []
    var size = inputSize
    for index in 0..<layers {
        if index > 0 && dropout > 0 { stack.append(Dropout(dropout, random: random)) }
        if bidirectional {
            stack.append(Bidirectional(cell, inputSize: size, hiddenSize: hiddenSize,
                                       recurrentDropout: recurrentDropout, layerIndex: index, random: random))
            size = 2 * hiddenSize
        } else {
            stack.append(Recurrent(cell, inputSize: size, hiddenSize: hiddenSize,
                                   recurrentDropout: recurrentDropout, names: "_l\(index)", random: random))
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

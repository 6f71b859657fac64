/// `nn.RNN` with tanh, one gate block:
/// h = tanh(W_ih x + b_ih + W_hh h_prev + b_hh).
public final class RNNCell: RecurrentCell {
    public static let kind = CellKind.rnn
    public static let gateCount = 1
    private let hiddenSize: Int

    public init(hiddenSize: Int) { self.hiddenSize = hiddenSize }

    public func reserve(rows: Int, batch: Int) {}

    // gates [B, H] -> h [B, H]
    public func forward(_ step: CellStep) {
        // h = tanh(W_ih x + b_ih + W_hh h_prev + b_hh): the unroller has summed the four terms in `gates`.
        applyTanh(step.gates, into: step.state, count: step.batch * hiddenSize)
    }

    // dh [B, H] -> d(pre-activation) [B, H], the same on both sides
    public func backward(_ step: CellStepGradient) {
        let (h, dh, dx) = (step.state, step.stateGradient, step.inputSide)
        // d tanh(a) / da = 1 - tanh(a)^2 = 1 - h^2
        for i in 0..<step.batch * hiddenSize { dx[i] = dh[i] * (1 - h[i] * h[i]) }
    }
}

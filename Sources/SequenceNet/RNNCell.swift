/// `nn.RNN` with tanh, one gate block: h_t = tanh(x_t W_ih^T + b_ih + h_(t-1) W_hh^T + b_hh).
public final class RNNCell: RecurrentCell {
    public static let name = "RNN"
    public static let gateCount = 1
    private let hiddenSize: Int

    public init(hiddenSize: Int) { self.hiddenSize = hiddenSize }

    public func reserve(rows: Int, batch: Int) {}

    // snippet.rnn-step
    // gates [B, H] -> h [B, H]
    public func forward(_ step: CellStep) {
        // The unroller has summed the four terms inside the tanh into `gates`.
        // h_t = tanh(x_t W_ih^T + b_ih + h_(t-1) W_hh^T + b_hh)
        applyTanh(step.gates, into: step.state, count: step.batch * hiddenSize)
    }
    // snippet.end

    // dh [B, H] -> d(pre-activation) [B, H], the same on both sides
    public func backward(_ step: CellStepGradient) {
        let (h, dh, dx) = (step.state, step.stateGradient, step.inputSide)
        // d tanh(a) / da = 1 - tanh(a)^2 = 1 - h^2
        for i in 0..<step.batch * hiddenSize { dx[i] = dh[i] * (1 - h[i] * h[i]) }
    }
}

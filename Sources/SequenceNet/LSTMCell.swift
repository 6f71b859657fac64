/// `nn.LSTM`: gate blocks i, f, g, o in that order, with a cell state c beside h (σ is the sigmoid,
/// `*` the element-wise product, as in PyTorch's documentation).
public final class LSTMCell: RecurrentCell {
    public static let name = "LSTM"
    public static let gateCount = 4

    private let hiddenSize: Int
    /// [T*B, H]: c of every step.
    private let cellStates = Tensor(shape: [0])
    /// [T*B, H]: tanh(c) of every step.
    private let cellTanh = Tensor(shape: [0])
    /// [B, H]: dL/dc, carried back from step to step.
    private let cellGradient = Tensor(shape: [0])
    /// [H]: the zero cell state before the first step.
    private let zeros = Tensor(shape: [0])

    public init(hiddenSize: Int) { self.hiddenSize = hiddenSize }

    public func reserve(rows: Int, batch: Int) {
        cellStates.resize(rows, hiddenSize)
        cellTanh.resize(rows, hiddenSize)
        if zeros.count != hiddenSize { zeros.resize([hiddenSize]) }
        zeros.zero()
    }

    /// c_prev of sequence b: the previous step's row, or zeros at the first step. -> [H]
    private func previousCell(_ step: Int?, _ b: Int) -> UnsafePointer<Float> {
        guard let step else { return UnsafePointer(zeros.pointer) }
        return UnsafePointer(cellStates.pointer + (step + b) * hiddenSize)
    }

    // snippet.lstm-step
    // gates [B, 4H] -> h [B, H], c [B, H]
    public func forward(_ step: CellStep) {
        let h = hiddenSize, gh = 4 * h
        for b in 0..<step.batch {
            let g = step.gates + b * gh, cPrev = previousCell(step.previousRow, b)
            let c = cellStates.pointer + (step.row + b) * h, tc = cellTanh.pointer + (step.row + b) * h
            let y = step.state + b * h
            // g holds W_i* x_t + b_i* + W_h* h_(t-1) + b_h* for i, f, g, o, summed by the unroller.
            // i_t = σ(W_ii x_t + b_ii + W_hi h_(t-1) + b_hi)
            // f_t = σ(W_if x_t + b_if + W_hf h_(t-1) + b_hf)
            applySigmoid(g, count: 2 * h)
            // g_t = tanh(W_ig x_t + b_ig + W_hg h_(t-1) + b_hg)
            applyTanh(g + 2 * h, count: h)
            // o_t = σ(W_io x_t + b_io + W_ho h_(t-1) + b_ho)
            applySigmoid(g + 3 * h, count: h)
            let (i, f, cg, o) = (g, g + h, g + 2 * h, g + 3 * h)
            // c_t = f_t * c_(t-1) + i_t * g_t
            for j in 0..<h { c[j] = f[j] * cPrev[j] + i[j] * cg[j] }
            // h_t = o_t * tanh(c_t)
            applyTanh(c, into: tc, count: h)
            for j in 0..<h { y[j] = o[j] * tc[j] }
        }
    }
    // snippet.end

    public func startBackward(batch: Int) {
        cellGradient.resize(batch, hiddenSize)
        cellGradient.zero()
    }

    // dh [B, H], dc [B, H] -> d(pre-activations) [B, 4H], the same on both sides; dc becomes dL/dc_prev
    public func backward(_ step: CellStepGradient) {
        let h = hiddenSize, gh = 4 * h
        for b in 0..<step.batch {
            let g = step.gates + b * gh, dh = UnsafePointer(step.stateGradient + b * h)
            let dc = cellGradient.pointer + b * h, cPrev = previousCell(step.previousRow, b)
            let tc = cellTanh.pointer + (step.row + b) * h, dx = step.inputSide + b * gh
            let (i, f, cg, o) = (g, g + h, g + 2 * h, g + 3 * h)
            let (dxi, dxf, dxg, dxo) = (dx, dx + h, dx + 2 * h, dx + 3 * h)
            // dL/dc += dh o (1 - tanh(c)^2); dL/do = dh tanh(c), through o's sigmoid
            for j in 0..<h { dc[j] += dh[j] * o[j] * (1 - tc[j] * tc[j]) }
            for j in 0..<h { dxo[j] = dh[j] * tc[j] * o[j] * (1 - o[j]) }
            // dL/di = dc g, dL/df = dc c_prev, dL/dg = dc i, each through its own activation
            for j in 0..<h { dxi[j] = dc[j] * cg[j] * i[j] * (1 - i[j]) }
            for j in 0..<h { dxf[j] = dc[j] * cPrev[j] * f[j] * (1 - f[j]) }
            for j in 0..<h { dxg[j] = dc[j] * i[j] * (1 - cg[j] * cg[j]) }
            // dL/dc_prev = dc f
            for j in 0..<h { dc[j] *= f[j] }
        }
    }

    public func cellState(row: Int, batch: Int) -> [Float]? {
        Array(UnsafeBufferPointer(start: cellStates.pointer + row * hiddenSize, count: batch * hiddenSize))
    }
}

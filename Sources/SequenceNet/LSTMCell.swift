/// `nn.LSTM`: gate blocks i, f, g, o in that order, with a cell state c beside h.
public final class LSTMCell: RecurrentCell {
    public static let kind = CellKind.lstm
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

    // gates [B, 4H] -> h [B, H], c [B, H]
    public func forward(_ step: CellStep) {
        let h = hiddenSize, gh = 4 * h
        for b in 0..<step.batch {
            let g = step.gates + b * gh, cPrev = previousCell(step.previousRow, b)
            let c = cellStates.pointer + (step.row + b) * h, tc = cellTanh.pointer + (step.row + b) * h
            let y = step.state + b * h
            // i = sigmoid(W_ii x + b_ii + W_hi h_prev + b_hi), f = sigmoid(W_if x + b_if + W_hf h_prev + b_hf)
            // g = tanh(W_ig x + b_ig + W_hg h_prev + b_hg),    o = sigmoid(W_io x + b_io + W_ho h_prev + b_ho)
            applySigmoid(g, count: 2 * h)
            applyTanh(g + 2 * h, count: h)
            applySigmoid(g + 3 * h, count: h)
            let (i, f, cg, o) = (g, g + h, g + 2 * h, g + 3 * h)
            // c = f * c_prev + i * g
            for j in 0..<h { c[j] = f[j] * cPrev[j] + i[j] * cg[j] }
            // h = o * tanh(c)
            applyTanh(c, into: tc, count: h)
            for j in 0..<h { y[j] = o[j] * tc[j] }
        }
    }

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

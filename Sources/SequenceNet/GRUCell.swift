/// `nn.GRU`: gate blocks r, z, n in that order, with b_hn inside the reset product (σ is the sigmoid,
/// `*` the element-wise product, as in PyTorch's documentation).
///
/// Each loop below touches few buffers and has no branches, so that the compiler vectorises it. None
/// writes one buffer while reading another part of it: the compiler checks such loops for overlap and
/// then runs them unvectorised.
public final class GRUCell: RecurrentCell {
    public static let name = "GRU"
    public static let gateCount = 3
    /// n's recurrent part, W_hn h_prev + b_hn, is scaled by r, so it cannot join the input side.
    public static let separateRecurrentBlocks = 2..<3
    /// h = (1 - z) * n + z * h_prev passes z * dh straight to h_prev.
    public static let passesStateGradientDirectly = true

    private let hiddenSize: Int
    /// [T*B, H]: r * (W_hn h_prev + b_hn) of every step, for the backward pass.
    private let resetCandidate = Tensor(shape: [0])

    public init(hiddenSize: Int) { self.hiddenSize = hiddenSize }

    public func reserve(rows: Int, batch: Int) { resetCandidate.resize(rows, hiddenSize) }

    // snippet.gru-step
    // gates [B, 3H], recurrent [B, 3H], h_prev [B, H] -> h [B, H]
    public func forward(_ step: CellStep) {
        let h = hiddenSize, gh = 3 * h
        guard let recurrent = step.recurrent else {
            preconditionFailure("the GRU keeps its recurrent side apart")
        }
        for b in 0..<step.batch {
            let g = step.gates + b * gh, hp = recurrent + b * gh
            let candidate = resetCandidate.pointer + (step.row + b) * h
            let hPrev = step.previousState + b * h, y = step.state + b * h
            // From the unroller, g: W_ir x_t + b_ir + b_hr | W_iz x_t + b_iz + b_hz | W_in x_t + b_in,
            // and hp: W_hr h_(t-1) | W_hz h_(t-1) | W_hn h_(t-1) + b_hn.
            let (r, z, n, hpn) = (g, g + h, g + 2 * h, hp + 2 * h)
            // r_t = σ(W_ir x_t + b_ir + W_hr h_(t-1) + b_hr)
            // z_t = σ(W_iz x_t + b_iz + W_hz h_(t-1) + b_hz)
            for j in 0..<2 * h { g[j] += hp[j] }
            applySigmoid(g, count: 2 * h)
            // n_t = tanh(W_in x_t + b_in + r_t * (W_hn h_(t-1) + b_hn))
            for j in 0..<h { candidate[j] = r[j] * hpn[j] }
            for j in 0..<h { n[j] += candidate[j] }
            applyTanh(n, count: h)
            // h_t = (1 - z_t) * n_t + z_t * h_(t-1)
            for j in 0..<h { y[j] = (1 - z[j]) * n[j] + z[j] * hPrev[j] }
        }
    }
    // snippet.end

    // dh [B, H] -> d(pre-activations) [B, 3H] on each side; dh becomes z * dh, its direct part of dL/dh_prev
    public func backward(_ step: CellStepGradient) {
        let h = hiddenSize, gh = 3 * h
        guard let recurrentSide = step.recurrentSide else {
            preconditionFailure("the GRU keeps its recurrent side apart")
        }
        for b in 0..<step.batch {
            let g = step.gates + b * gh, dh = step.stateGradient + b * h
            let hPrev = step.previousState + b * h, candidate = resetCandidate.pointer + (step.row + b) * h
            let dx = step.inputSide + b * gh, dr = recurrentSide + b * gh
            let (r, z, n) = (g, g + h, g + 2 * h)
            let (dxr, dxz, dxn, drn) = (dx, dx + h, dx + 2 * h, dr + 2 * h)
            // dL/d(n's pre-activation) = dh (1 - z) (1 - n^2); on the recurrent side it is scaled by r.
            for j in 0..<h { dxn[j] = dh[j] * (1 - z[j]) * (1 - n[j] * n[j]) }
            for j in 0..<h { drn[j] = dxn[j] * r[j] }
            // dL/d(z's pre-activation) = dh (h_prev - n) z (1 - z)
            for j in 0..<h { dxz[j] = dh[j] * (hPrev[j] - n[j]) * z[j] * (1 - z[j]) }
            // dL/d(r's pre-activation) = dxn (W_hn h_prev + b_hn) r (1 - r), the first three factors
            // computed again rather than read from dx (and r (W_hn h + b_hn) is the saved candidate).
            for j in 0..<h { dxr[j] = dh[j] * (1 - z[j]) * (1 - n[j] * n[j]) * candidate[j] * (1 - r[j]) }
            for j in 0..<h { dh[j] *= z[j] }
            // r and z see the same sum on both sides.
            dr.update(from: dx, count: 2 * h)
        }
    }
}

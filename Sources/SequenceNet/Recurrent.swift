import Foundation

/// The recurrent cells of PyTorch, by their equations (batch-first, zero initial state).
public enum RecurrentCell: String, Sendable {
    /// `nn.RNN` with tanh: h = tanh(W_ih x + b_ih + W_hh h_prev + b_hh).
    case rnn
    /// `nn.GRU`: gates r, z, n in that order; b_hn stays inside the reset product:
    /// n = tanh(W_in x + b_in + r * (W_hn h_prev + b_hn)), h = (1 - z) * n + z * h_prev.
    case gru
    /// `nn.LSTM`: gates i, f, g, o in that order; c = f * c_prev + i * g, h = o * tanh(c).
    case lstm

    /// Blocks of H rows in weight_ih and weight_hh.
    public var gates: Int {
        switch self {
        case .rnn: return 1
        case .gru: return 3
        case .lstm: return 4
        }
    }
}

/// One recurrent layer in one direction: [B, T, C] -> [B, T, H], PyTorch's parameter layout and
/// equations, with backpropagation through time written out.
///
/// Inside, every per-step buffer is time-major (row t * B + b holds sequence b at time t), so that a
/// time step is one contiguous [B, ...] block: the step's matrix product reads the previous step's
/// states where they lie, and the backward pass's products over all steps need no gathered copies.
/// The input is transposed to that order once per batch and the output back once.
///
/// The input projections of all time steps are one matrix product onto the biases (for one input
/// feature, a scaling each step does itself); each step then adds the previous state times W_hh
/// (skipped at the first step, whose state is zero: with the book's one-step input layout no
/// recurrent product is ever needed). Everything the backward pass needs is kept per step in
/// buffers that are reused from batch to batch.
public final class Recurrent: Layer {
    public let cell: RecurrentCell
    public let inputSize: Int
    public let hiddenSize: Int
    /// Runs from the last time step to the first (the second half of a bidirectional layer).
    public let reverse: Bool
    /// Variational dropout on the state fed to W_hh: one mask per sequence, the same at every step
    /// (Gal and Ghahramani). PyTorch has no such option; 0 turns it off.
    public let recurrentDropout: Float
    /// [G*H, C]
    public let weightIH: Parameter
    /// [G*H, H]
    public let weightHH: Parameter
    /// [G*H]
    public let biasIH: Parameter
    /// [G*H]
    public let biasHH: Parameter
    public var parameters: [Parameter] { [weightIH, weightHH, biasIH, biasHH] }
    /// Only `out[:, -1, :]` is used downstream (the book's models take the last time step). A reverse
    /// layer then runs one step, its first, instead of all of them, and leaves the other outputs zero;
    /// a forward layer needs every step for its last output and runs them all. The numbers that are
    /// used are the same either way.
    public var onlyLastOutput = false

    private let random: RandomSource
    /// Keep the last recurrent-dropout mask instead of drawing a new one (for gradient checks).
    var reusesMask = false
    /// The latest forward pass's batch size and number of steps.
    private var batch = 0, steps = 0
    private var usedMask = false
    private let inputRows = Tensor(shape: [0])        // [T*B, C]: x
    private let bias = Tensor(shape: [0])             // [GH]: b_ih + b_hh (GRU's n block: b_in alone)
    private let gateValues = Tensor(shape: [0])       // [T*B, GH]: gate pre-activations, activated in place (RNN: h)
    private let states = Tensor(shape: [0])           // GRU, LSTM [T*B, H]: h
    private let recurrentWeights = Tensor(shape: [0]) // [H, GH]: W_hh^T
    private let recurrentBias = Tensor(shape: [0])    // GRU [GH]: 0 for r and z, b_hn for n
    private let recurrentProduct = Tensor(shape: [0]) // GRU [B, GH]: one step's h_prev W_hh^T + recurrentBias
    private let resetCandidate = Tensor(shape: [0])   // GRU [T*B, H]: r * (W_hn h_prev + b_hn)
    private let cellStates = Tensor(shape: [0])       // LSTM [T*B, H]: c
    private let cellTanh = Tensor(shape: [0])         // LSTM [T*B, H]: tanh(c)
    private let previousState = Tensor(shape: [0])    // [T*B, H]: the masked state each step fed to W_hh (recurrent dropout only)
    private let mask = Tensor(shape: [0])             // [B, H]: 0 or 1/(1-p)
    private let zeros = Tensor(shape: [0])            // [H]: the zero state before the first step
    private let output = Tensor(shape: [0])           // [B, T, H]
    private let inputGateGradient = Tensor(shape: [0])     // [T*B, GH]: dL/d(gate pre-activations), input side
    private let recurrentGateGradient = Tensor(shape: [0]) // GRU [T*B, GH]: the same, recurrent side (n differs)
    private let stateGradient = Tensor(shape: [0])    // [B, H]: dL/dh, then dL/dh_prev
    private let maskedGradient = Tensor(shape: [0])   // [B, H]: dL/d(masked h_prev) (recurrent dropout only)
    private let cellGradient = Tensor(shape: [0])     // LSTM [B, H]: dL/dc, then dL/dc_prev
    private let ones = Tensor(shape: [0])             // [T*B]: for the bias gradients' column sums
    private let rowGradient = Tensor(shape: [0])      // [T*B, C]: dL/dx
    private let inputGradient = Tensor(shape: [0])    // [B, T, C]

    /// Every weight and bias drawn from U(-1/sqrt(H), 1/sqrt(H)), PyTorch's default.
    public init(_ cell: RecurrentCell, inputSize: Int, hiddenSize: Int, reverse: Bool = false,
                recurrentDropout: Float = 0, names suffix: String = "_l0", random: RandomSource) {
        precondition((0..<1).contains(recurrentDropout), "recurrent dropout must be in [0, 1)")
        self.cell = cell
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.reverse = reverse
        self.recurrentDropout = recurrentDropout
        self.random = random
        let rows = cell.gates * hiddenSize, bound = 1 / Float(hiddenSize).squareRoot()
        weightIH = Parameter(name: "weight_ih" + suffix, value: .uniform([rows, inputSize], bound: bound, random: random))
        weightHH = Parameter(name: "weight_hh" + suffix, value: .uniform([rows, hiddenSize], bound: bound, random: random))
        biasIH = Parameter(name: "bias_ih" + suffix, value: .uniform([rows], bound: bound, random: random))
        biasHH = Parameter(name: "bias_hh" + suffix, value: .uniform([rows], bound: bound, random: random))
    }

    private init(sharing other: Recurrent, random: RandomSource) {
        cell = other.cell
        inputSize = other.inputSize
        hiddenSize = other.hiddenSize
        reverse = other.reverse
        recurrentDropout = other.recurrentDropout
        onlyLastOutput = other.onlyLastOutput
        self.random = random
        weightIH = other.weightIH.replica()
        weightHH = other.weightHH.replica()
        biasIH = other.biasIH.replica()
        biasHH = other.biasHH.replica()
    }

    public func replica(random: RandomSource) -> Layer { Recurrent(sharing: self, random: random) }
    public var randomSources: [RandomSource] { [random] }

    /// h for every step, [T*B, H] time-major: the RNN's gate is its state.
    private var hiddenStates: Tensor { cell == .rnn ? gateValues : states }

    /// The state after the last step processed, [B, H] (for a reverse layer, the state at t = 0),
    /// and for an LSTM the cell state too.
    public func finalState() -> (hidden: [Float], cell: [Float]?) {
        let (batch, h) = (self.batch, hiddenSize)
        let block = (reverse ? 0 : steps - 1) * batch * h
        let hidden = Array(UnsafeBufferPointer(start: hiddenStates.pointer + block, count: batch * h))
        let cellState = cell == .lstm ? Array(UnsafeBufferPointer(start: cellStates.pointer + block, count: batch * h)) : nil
        return (hidden, cellState)
    }

    // x [B, T, C] -> y [B, T, H]
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        precondition(x.shape.count == 3 && x.shape[2] == inputSize,
                     "\(cell) expects [B, T, \(inputSize)], got \(x.shape)")
        let (batch, steps, c, h) = (x.shape[0], x.shape[1], inputSize, hiddenSize)
        let gh = cell.gates * h, rows = batch * steps
        self.batch = batch
        self.steps = steps
        inputRows.resize(rows, c)
        bias.resize([gh])
        gateValues.resize(rows, gh)
        output.resize(batch, steps, h)
        if zeros.count != h { zeros.resize([h]); zeros.zero() }
        if cell != .rnn { states.resize(rows, h) }
        recurrentWeights.resize(h, gh)
        if cell == .gru { recurrentBias.resize([gh]); recurrentProduct.resize(batch, gh); resetCandidate.resize(rows, h) }
        if cell == .lstm { cellStates.resize(rows, h); cellTanh.resize(rows, h) }

        let xs = inputRows.pointer
        transpose(x.pointer, into: xs, outer: batch, inner: steps, width: c)
        // b_hh joins b_ih except in the GRU's n block, where it sits inside the reset product.
        let bih = biasIH.value.pointer, bhh = biasHH.value.pointer, b = bias.pointer
        for j in 0..<gh { b[j] = bih[j] + bhh[j] }
        if cell == .gru {
            (b + 2 * h).update(from: bih + 2 * h, count: h)
            let rb = recurrentBias.pointer
            rb.update(repeating: 0, count: 2 * h)
            (rb + 2 * h).update(from: bhh + 2 * h, count: h)
        }
        // The steps this pass runs, and the rows of the time-major buffers they fill.
        let run = onlyLastOutput && reverse ? 1 : steps
        let runRows = (reverse ? steps - run : 0) * batch..<(reverse ? steps : run) * batch
        let gates = gateValues.pointer, wih = weightIH.value.pointer
        if c > 1 {
            for r in runRows { (gates + r * gh).update(from: b, count: gh) }
            BLAS.gemm(xs + runRows.lowerBound * c, wih, transposeB: true, into: gates + runRows.lowerBound * gh,
                      m: runRows.count, n: gh, k: c, beta: 1)
        }

        // snippet.recurrent-mask
        // One mask per sequence for the whole pass: every step reuses it (Gal and Ghahramani).
        let usedMask = training && recurrentDropout > 0
        self.usedMask = usedMask
        if usedMask && !(reusesMask && mask.shape == [batch, h]) {
            mask.resize(batch, h)
            let keep = 1 / (1 - recurrentDropout)
            for i in 0..<mask.count { mask[i] = random.unitFloat() < recurrentDropout ? 0 : keep }
        }
        // snippet.end
        if usedMask { previousState.resize(rows, h) }
        let hidden = hiddenStates.pointer, m = mask.pointer, masked = previousState.pointer
        // The step products run with W_hh^T stored as such and onto values already there (beta 1):
        // OpenBLAS is quickest that way at these sizes. One step needs no product.
        let whh = recurrentWeights.pointer
        if steps > 1 { transpose(weightHH.value.pointer, into: whh, outer: gh, inner: h, width: 1) }
        let product = recurrentProduct.pointer, productBias = recurrentBias.pointer, candidates = resetCandidate.pointer
        let cells = cellStates.pointer, tanhs = cellTanh.pointer, zero = zeros.pointer
        if run < steps {
            (hidden + (reverse ? 0 : runRows.upperBound) * h).update(repeating: 0, count: (rows - runRows.count) * h)
        }
        for s in 0..<run {
            let t = reverse ? steps - 1 - s : s, previous = reverse ? t + 1 : t - 1
            let first = s == 0
            let block = gates + t * batch * gh
            if c == 1 {
                for r in 0..<batch {
                    let xr = xs[t * batch + r], row = block + r * gh
                    for j in 0..<gh { row[j] = xr * wih[j] + b[j] }
                }
            }
            // h_prev W_hh^T: straight onto the pre-activations, except for the GRU, whose n block
            // needs it apart (it is scaled by r). At the first step h_prev = 0.
            if cell == .gru {
                for r in 0..<batch { (product + r * gh).update(from: productBias, count: gh) }
            }
            if !first {
                // snippet.recurrent-mask-use
                var hPrev = UnsafePointer(hidden + previous * batch * h)
                if usedMask {
                    let target = masked + t * batch * h
                    for i in 0..<batch * h { target[i] = hPrev[i] * m[i] }
                    hPrev = UnsafePointer(target)
                }
                BLAS.gemm(hPrev, whh, into: cell == .gru ? product : block, m: batch, n: gh, k: h, beta: 1)
                // snippet.end
            }
            switch cell {
            case .rnn:
                for i in 0..<batch * h { block[i] = hyperbolicTangent(block[i]) }
            case .gru:
                for r in 0..<batch {
                    let row = t * batch + r
                    gruStep(block + r * gh, product + r * gh, candidate: candidates + row * h,
                            hPrev: first ? zero : hidden + (previous * batch + r) * h, h: hidden + row * h)
                }
            case .lstm:
                for r in 0..<batch {
                    let row = t * batch + r
                    lstmStep(block + r * gh, cPrev: first ? zero : cells + (previous * batch + r) * h,
                             c: cells + row * h, tanhC: tanhs + row * h, h: hidden + row * h)
                }
            }
        }
        transpose(hidden, into: output.pointer, outer: steps, inner: batch, width: h)
        return output
    }

    /// One sequence's GRU update: r and z; the candidate's recurrent part r * (W_hn h + b_hn); n; then h.
    /// Each loop touches few buffers and has no branches, so that the compiler vectorises it. None
    /// writes one buffer while reading another part of it: the compiler then checks for overlap once
    /// for all sequences of the step, which such a loop fails, and runs it unvectorised.
    @inline(__always)
    private func gruStep(_ g: UnsafeMutablePointer<Float>, _ hp: UnsafeMutablePointer<Float>,
                         candidate: UnsafeMutablePointer<Float>, hPrev: UnsafePointer<Float>, h y: UnsafeMutablePointer<Float>) {
        let h = hiddenSize
        for j in 0..<2 * h { g[j] = sigmoid(g[j] + hp[j]) }
        let hpn = hp + 2 * h
        for j in 0..<h { candidate[j] = g[j] * hpn[j] }
        let n = g + 2 * h
        for j in 0..<h { n[j] = hyperbolicTangent(n[j] + candidate[j]) }
        let z = g + h
        for j in 0..<h { y[j] = (1 - z[j]) * n[j] + z[j] * hPrev[j] }
    }

    /// One sequence's LSTM update: i and f; g; o; then c, tanh(c) and h.
    @inline(__always)
    private func lstmStep(_ g: UnsafeMutablePointer<Float>, cPrev: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
                          tanhC tc: UnsafeMutablePointer<Float>, h y: UnsafeMutablePointer<Float>) {
        let h = hiddenSize
        for j in 0..<2 * h { g[j] = sigmoid(g[j]) }
        for j in 2 * h..<3 * h { g[j] = hyperbolicTangent(g[j]) }
        for j in 3 * h..<4 * h { g[j] = sigmoid(g[j]) }
        let (i, f, cg, o) = (g, g + h, g + 2 * h, g + 3 * h)
        for j in 0..<h { c[j] = f[j] * cPrev[j] + i[j] * cg[j] }
        for j in 0..<h { tc[j] = hyperbolicTangent(c[j]) }
        for j in 0..<h { y[j] = o[j] * tc[j] }
    }

    // dy [B, T, H] -> dx [B, T, C]; gradients of all four parameters accumulate
    public func backward(_ dy: Tensor) -> Tensor {
        let (batch, steps, c, h) = (self.batch, self.steps, inputSize, hiddenSize)
        precondition(steps > 0, "\(cell).backward before forward")
        precondition(dy.shape == [batch, steps, h], "\(cell) backward expects [B, T, H] = \([batch, steps, h]), got \(dy.shape)")
        let gh = cell.gates * h, rows = batch * steps
        inputGradient.resize(batch, steps, c)
        inputGradient.zero()
        // Steps processed after the last one with a nonzero output gradient pass nothing back and are
        // skipped: under `out[:, -1, :]` the reverse direction's only such step is its first.
        // A reverse layer that ran only its first step (`onlyLastOutput`) has nothing to send back from the
        // others, and needs no search for them.
        guard let last = onlyLastOutput && reverse ? 0 : lastStepWithGradient(dy) else { return inputGradient }
        inputGateGradient.resize(rows, gh)
        if cell == .gru { recurrentGateGradient.resize(rows, gh) }
        stateGradient.resize(batch, h)
        if usedMask { maskedGradient.resize(batch, h) }
        if cell == .lstm { cellGradient.resize(batch, h); cellGradient.zero() }

        let incoming = dy.pointer, gates = gateValues.pointer, hidden = hiddenStates.pointer
        let dGates = inputGateGradient.pointer, dRecurrent = recurrentGates.pointer
        let dh = stateGradient.pointer, whh = weightHH.value.pointer
        let usedMask = self.usedMask, m = mask.pointer, maskedDh = maskedGradient.pointer
        let candidates = resetCandidate.pointer, cells = cellStates.pointer, tanhs = cellTanh.pointer
        let dc = cellGradient.pointer, zero = zeros.pointer
        // dL/dh at a step is dy there plus what the later step sends back through W_hh (and for the
        // GRU, straight through z); dh starts as dy and the product is added onto it (beta 1).
        let lastT = reverse ? steps - 1 - last : last
        for r in 0..<batch { (dh + r * h).update(from: incoming + (r * steps + lastT) * h, count: h) }
        for s in stride(from: last, through: 0, by: -1) {
            let t = reverse ? steps - 1 - s : s, previous = reverse ? t + 1 : t - 1
            let first = s == 0
            for r in 0..<batch {
                let row = t * batch + r, dhRow = dh + r * h
                switch cell {
                case .rnn:
                    let g = gates + row * h, dx = dGates + row * h
                    for j in 0..<h { dx[j] = dhRow[j] * (1 - g[j] * g[j]) }
                case .gru:
                    gruStepBackward(gates + row * gh, dh: dhRow, hPrev: first ? zero : hidden + (previous * batch + r) * h,
                                    candidate: candidates + row * h,
                                    dInput: dGates + row * gh, dRecurrent: dRecurrent + row * gh)
                case .lstm:
                    lstmStepBackward(gates + row * gh, dh: dhRow, dc: dc + r * h,
                                     cPrev: first ? zero : cells + (previous * batch + r) * h,
                                     tanhC: tanhs + row * h, dInput: dGates + row * gh)
                }
            }
            guard !first else { continue }
            // dL/dh_prev: dy at the previous step, the GRU's direct z * dh path, and the gate
            // gradients through W_hh (and the mask).
            for r in 0..<batch {
                let dhRow = dh + r * h, dyRow = incoming + (r * steps + previous) * h
                if cell == .gru {
                    for j in 0..<h { dhRow[j] += dyRow[j] }
                } else {
                    dhRow.update(from: dyRow, count: h)
                }
            }
            let block = dRecurrent + t * batch * gh
            if usedMask {
                BLAS.gemm(block, whh, into: maskedDh, m: batch, n: h, k: gh)
                for i in 0..<batch * h { dh[i] += maskedDh[i] * m[i] }
            } else {
                BLAS.gemm(block, whh, into: dh, m: batch, n: h, k: gh, beta: 1)
            }
        }

        // The steps done are one block of rows; each product below covers all of them at once.
        let firstRow = (reverse ? steps - 1 - last : 0) * batch, count = (last + 1) * batch
        if ones.count != rows {
            ones.resize([rows])
            ones.pointer.update(repeating: 1, count: rows)
        }
        rowGradient.resize(rows, c)
        let dInput = dGates + firstRow * gh, xs = inputRows.pointer + firstRow * c
        let wih = weightIH.value.pointer, dx = rowGradient.pointer + firstRow * c
        BLAS.gemv(dInput, transpose: true, m: count, n: gh, ones.pointer, into: biasIH.gradient.pointer, beta: 1)
        BLAS.gemv(dRecurrent + firstRow * gh, transpose: true, m: count, n: gh, ones.pointer,
                  into: biasHH.gradient.pointer, beta: 1)
        if c == 1 {
            BLAS.gemv(dInput, transpose: true, m: count, n: gh, xs, into: weightIH.gradient.pointer, beta: 1)
            BLAS.gemv(dInput, m: count, n: gh, wih, into: dx)
        } else {
            BLAS.gemm(dInput, transposeA: true, xs, into: weightIH.gradient.pointer, m: gh, n: c, k: count, beta: 1)
            BLAS.gemm(dInput, wih, into: dx, m: count, n: c, k: gh)
        }
        transpose(rowGradient.pointer, into: inputGradient.pointer, outer: steps, inner: batch, width: c,
                  outerRange: firstRow / batch..<firstRow / batch + last + 1)
        // Recurrent side: steps 1...last, against the states they were given (the first step's is zero).
        if last > 0 {
            let recurrentRow = (reverse ? steps - 1 - last : 1) * batch
            let hPrev = usedMask ? previousState.pointer + recurrentRow * h
                                 : hidden + (reverse ? recurrentRow + batch : recurrentRow - batch) * h
            BLAS.gemm(dRecurrent + recurrentRow * gh, transposeA: true, hPrev, into: weightHH.gradient.pointer,
                      m: gh, n: h, k: last * batch, beta: 1)
        }
        return inputGradient
    }

    /// The last step in processing order whose slice of dy [B, T, H] is not all zero; nil if none is.
    private func lastStepWithGradient(_ dy: Tensor) -> Int? {
        let (batch, steps, h) = (self.batch, self.steps, hiddenSize), g = dy.pointer
        for s in stride(from: steps - 1, through: 0, by: -1) {
            let t = reverse ? steps - 1 - s : s
            for b in 0..<batch where UnsafeBufferPointer(start: g + (b * steps + t) * h, count: h).contains(where: { $0 != 0 }) {
                return s
            }
        }
        return nil
    }

    /// GRU gate gradients of one sequence from dL/dh; dh is then overwritten with the direct z * dh
    /// part of dL/dh_prev. Short loops over few buffers, so that each vectorises (no loop reads one
    /// part of a buffer it writes another part of, as in `gruStep`).
    @inline(__always)
    private func gruStepBackward(_ g: UnsafePointer<Float>, dh: UnsafeMutablePointer<Float>, hPrev: UnsafePointer<Float>,
                                 candidate: UnsafePointer<Float>, dInput dx: UnsafeMutablePointer<Float>,
                                 dRecurrent dr: UnsafeMutablePointer<Float>) {
        let h = hiddenSize
        let (r, z, n) = (g, g + h, g + 2 * h)
        let (dxr, dxz, dxn) = (dx, dx + h, dx + 2 * h)
        // The recurrent side differs only in n: b_hn and W_hn h sit inside the reset product.
        let drn = dr + 2 * h
        for j in 0..<h { dxn[j] = dh[j] * (1 - z[j]) * (1 - n[j] * n[j]) }
        for j in 0..<h { drn[j] = dxn[j] * r[j] }
        for j in 0..<h { dxz[j] = dh[j] * (hPrev[j] - n[j]) * z[j] * (1 - z[j]) }
        // dxn * r * (W_hn h + b_hn) * (1 - r), with dxn computed again rather than read from dx.
        for j in 0..<h { dxr[j] = dh[j] * (1 - z[j]) * (1 - n[j] * n[j]) * candidate[j] * (1 - r[j]) }
        for j in 0..<h { dh[j] *= z[j] }
        dr.update(from: dx, count: 2 * h)
    }

    /// LSTM gate gradients of one sequence from dL/dh and the dL/dc carried back in `dc`, which is
    /// then overwritten with dL/dc_prev.
    @inline(__always)
    private func lstmStepBackward(_ g: UnsafePointer<Float>, dh: UnsafePointer<Float>, dc: UnsafeMutablePointer<Float>,
                                  cPrev: UnsafePointer<Float>, tanhC tc: UnsafePointer<Float>,
                                  dInput dx: UnsafeMutablePointer<Float>) {
        let h = hiddenSize
        let (i, f, cg, o) = (g, g + h, g + 2 * h, g + 3 * h)
        let (dxi, dxf, dxg, dxo) = (dx, dx + h, dx + 2 * h, dx + 3 * h)
        for j in 0..<h { dc[j] += dh[j] * o[j] * (1 - tc[j] * tc[j]) }
        for j in 0..<h { dxo[j] = dh[j] * tc[j] * o[j] * (1 - o[j]) }
        for j in 0..<h { dxi[j] = dc[j] * cg[j] * i[j] * (1 - i[j]) }
        for j in 0..<h { dxf[j] = dc[j] * cPrev[j] * f[j] * (1 - f[j]) }
        for j in 0..<h { dxg[j] = dc[j] * i[j] * (1 - cg[j] * cg[j]) }
        for j in 0..<h { dc[j] *= f[j] }
    }

    /// dL/d(gate pre-activations) on the recurrent side: its own buffer for the GRU, the input side's
    /// otherwise (RNN and LSTM have the same gate gradient on both sides).
    private var recurrentGates: Tensor { cell == .gru ? recurrentGateGradient : inputGateGradient }
}

/// Swaps the first two axes of [outer, inner, width] into [inner, outer, width], for the rows of
/// `outerRange` (all by default). A plain loop rather than a copy call per row: rows are short.
private func transpose(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
                       outer: Int, inner: Int, width: Int, outerRange: Range<Int>? = nil) {
    for o in outerRange ?? 0..<outer {
        for i in 0..<inner {
            let from = source + (o * inner + i) * width, to = target + (i * outer + o) * width
            for j in 0..<width { to[j] = from[j] }
        }
    }
}

// MARK: - exp, sigmoid and tanh for the cells
//
// They live in this file, not a file of their own, because a debug build compiles each file
// separately and would then call them instead of inlining them into the cells' loops.

/// exp, sigmoid and tanh written out in plain arithmetic, accurate to a few units in the last
/// place, so that the recurrent cells' loops over hidden units vectorise (calls into the C library's
/// expf and tanhf cannot). PyTorch's CPU kernels likewise use their own vectorised versions.

/// e^x for x in float range (clamped where e^x over- or underflows a normal float).
@inline(__always)
private func exponential(_ x: Float) -> Float {
    let clamped = min(max(x, -87.3), 88.3)
    // Round x / ln 2 to an integer k by adding 1.5 * 2^23: the sum's low mantissa bits hold k.
    let magic: Float = 12_582_912
    let shifted = clamped * 1.442_695_04 + magic
    let k = shifted - magic
    // r = x - k ln 2, with ln 2 split in two parts so that the product is exact (Cody and Waite).
    let r = (clamped - k * 0.693_359_375) - k * -2.121_944_4e-4
    // e^r on [-ln2/2, ln2/2] by its Taylor series to the r^7 term (error below 1e-8).
    var p: Float = 1.984_127e-4
    p = p * r + 1.388_888_9e-3
    p = p * r + 8.333_333_3e-3
    p = p * r + 4.166_666_8e-2
    p = p * r + 0.166_666_67
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    // 2^k from its exponent bits.
    let exponent = Int32(bitPattern: shifted.bitPattern) &- Int32(bitPattern: magic.bitPattern)
    let scale = Float(bitPattern: UInt32(bitPattern: (exponent &+ 127) << 23))
    return p * scale
}

/// 1 / (1 + e^-x).
@inline(__always)
private func sigmoid(_ x: Float) -> Float { 1 / (1 + exponential(-x)) }

/// tanh as x P(x^2) / Q(x^2), a ratio of two quartics in x^2 fitted to tanh on [-9, 9]
/// (Tools/reference/fit_tanh.py, which also checks it), held at +-1 beyond, where tanh rounds to 1 in
/// single precision. At most 6 units in the last place on every float the script checks (every 7th
/// up to 9.5) and on TanhTests' sample; half the arithmetic of going through exp, and the recurrent
/// cells spend much of their time here.
@inline(__always)
func hyperbolicTangent(_ x: Float) -> Float {
    let c = min(max(x, -9), 9), u = c * c
    var p: Float = 1.326_717_05e-8
    p = p * u + 2.054_241_1e-5
    p = p * u + 3.491_398e-3
    p = p * u + 0.133_774_56
    p = p * u + 1
    var q: Float = 7.739_684_5e-7
    q = q * u + 3.278_876_5e-4
    q = q * u + 2.586_091e-2
    q = q * u + 0.467_107_7
    q = q * u + 1
    return c * p / q
}

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
/// The input projections of all time steps are one matrix product; each step then multiplies the
/// previous state by W_hh (skipped at the first step, whose state is zero: with the book's one-step
/// input layout no recurrent product is ever needed). Everything the backward pass needs is kept
/// per step in buffers that are reused from batch to batch.
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

    private let random: RandomSource
    /// Keep the last recurrent-dropout mask instead of drawing a new one (for gradient checks).
    var reusesMask = false
    private var input: Tensor?
    private var usedMask = false
    private let projected = Tensor(shape: [0])        // [B*T, GH]: x W_ih^T + b_ih
    private let recurrentProduct = Tensor(shape: [0]) // [B, GH]: one step's h_prev W_hh^T
    private let gateValues = Tensor(shape: [0])       // [B*T, GH]: activated gates (RNN: h)
    private let hiddenCandidate = Tensor(shape: [0])  // GRU [B*T, H]: W_hn h_prev + b_hn
    private let cellStates = Tensor(shape: [0])       // LSTM [B*T, H]: c
    private let cellTanh = Tensor(shape: [0])         // LSTM [B*T, H]: tanh(c)
    private let output = Tensor(shape: [0])           // [B, T, H]
    private let previousState = Tensor(shape: [0])    // [B*T, H]: the (masked) state each step fed to W_hh
    private let mask = Tensor(shape: [0])             // [B, H]: 0 or 1/(1-p)
    private let zeros = Tensor(shape: [0])            // [H]: the zero state before the first step
    private let inputGateGradient = Tensor(shape: [0])     // [B*T, GH]: dL/d(gate pre-activations), input side
    private let recurrentGateGradient = Tensor(shape: [0]) // GRU [B*T, GH]: the same, recurrent side (n differs)
    private let stateGradient = Tensor(shape: [0])    // [B, H]: dL/dh_prev
    private let directGradient = Tensor(shape: [0])   // [B, H]: GRU's z * dL/dh
    private let cellGradient = Tensor(shape: [0])     // LSTM [B, H]: dL/dc_prev
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
        self.random = random
        weightIH = other.weightIH.replica()
        weightHH = other.weightHH.replica()
        biasIH = other.biasIH.replica()
        biasHH = other.biasHH.replica()
    }

    public func replica(random: RandomSource) -> Layer { Recurrent(sharing: self, random: random) }
    public var randomSources: [RandomSource] { [random] }

    /// The state after the last step processed, [B, H] (for a reverse layer, the state at t = 0),
    /// and for an LSTM the cell state too.
    public func finalState() -> (hidden: [Float], cell: [Float]?) {
        let (batch, steps, h) = (output.shape[0], output.shape[1], hiddenSize)
        let t = reverse ? 0 : steps - 1
        var hidden = [Float](), cellState: [Float]? = cell == .lstm ? [] : nil
        for b in 0..<batch {
            hidden += UnsafeBufferPointer(start: output.pointer + (b * steps + t) * h, count: h)
            cellState? += UnsafeBufferPointer(start: cellStates.pointer + (b * steps + t) * h, count: h)
        }
        return (hidden, cellState)
    }

    // x [B, T, C] -> y [B, T, H]
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        precondition(x.shape.count == 3 && x.shape[2] == inputSize,
                     "\(cell) expects [B, T, \(inputSize)], got \(x.shape)")
        input = x
        let (batch, steps, h) = (x.shape[0], x.shape[1], hiddenSize)
        let gh = cell.gates * h, rows = batch * steps
        projected.resize(rows, gh)
        gateValues.resize(rows, gh)
        output.resize(batch, steps, h)
        previousState.resize(rows, h)
        recurrentProduct.resize(batch, gh)
        if zeros.count != h { zeros.resize([h]); zeros.zero() }
        if cell == .gru { hiddenCandidate.resize(rows, h) }
        if cell == .lstm { cellStates.resize(rows, h); cellTanh.resize(rows, h) }

        let bih = biasIH.value.pointer
        for r in 0..<rows { (projected.pointer + r * gh).update(from: bih, count: gh) }
        BLAS.gemm(x.pointer, weightIH.value.pointer, transposeB: true, into: projected.pointer,
                  m: rows, n: gh, k: inputSize, beta: 1)

        usedMask = training && recurrentDropout > 0
        if usedMask && !(reusesMask && mask.shape == [batch, h]) {
            mask.resize(batch, h)
            let keep = 1 / (1 - recurrentDropout)
            for i in 0..<mask.count { mask[i] = random.unitFloat() < recurrentDropout ? 0 : keep }
        }
        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s, previous = reverse ? t + 1 : t - 1
            let first = s == 0
            for b in 0..<batch {
                let target = previousState.pointer + (b * steps + t) * h
                if first { target.update(repeating: 0, count: h); continue }
                let source = output.pointer + (b * steps + previous) * h
                if usedMask {
                    let m = mask.pointer + b * h
                    for j in 0..<h { target[j] = source[j] * m[j] }
                } else {
                    target.update(from: source, count: h)
                }
            }
            if first {
                recurrentProduct.zero()  // h_prev = 0: no product needed
            } else {
                BLAS.gemm(previousState.pointer + t * h, weightHH.value.pointer, transposeB: true,
                          into: recurrentProduct.pointer, m: batch, n: gh, k: h, rowStrideA: steps * h)
            }
            for b in 0..<batch { step(b, t: t, previous: first ? nil : previous, steps: steps) }
        }
        return output
    }

    /// One sequence's cell update at time t. Each loop touches few buffers and has no branches, so
    /// that the compiler vectorises it: before the first step the state is the zero vector and its
    /// product with W_hh is zero.
    @inline(__always)
    private func step(_ b: Int, t: Int, previous: Int?, steps: Int) {
        let h = hiddenSize, gh = cell.gates * h, row = b * steps + t
        let x = projected.pointer + row * gh, bhh = biasHH.value.pointer
        let hp = recurrentProduct.pointer + b * gh
        let g = gateValues.pointer + row * gh, y = output.pointer + row * h
        switch cell {
        case .rnn:
            for j in 0..<h { g[j] = hyperbolicTangent(x[j] + hp[j] + bhh[j]) }
            y.update(from: g, count: h)
        case .gru:
            // r and z; the candidate's recurrent part W_hn h + b_hn; n; then h.
            for j in 0..<2 * h { g[j] = sigmoid(x[j] + hp[j] + bhh[j]) }
            let candidate = hiddenCandidate.pointer + row * h, hpn = hp + 2 * h, bn = bhh + 2 * h
            for j in 0..<h { candidate[j] = hpn[j] + bn[j] }
            let xn = x + 2 * h, n = g + 2 * h
            for j in 0..<h { n[j] = hyperbolicTangent(xn[j] + g[j] * candidate[j]) }
            let z = g + h, hPrev = previous.map { output.pointer + (b * steps + $0) * h } ?? zeros.pointer
            for j in 0..<h { y[j] = (1 - z[j]) * n[j] + z[j] * hPrev[j] }
        case .lstm:
            // i and f; g; o; then c, tanh(c) and h.
            for j in 0..<2 * h { g[j] = sigmoid(x[j] + hp[j] + bhh[j]) }
            for j in 2 * h..<3 * h { g[j] = hyperbolicTangent(x[j] + hp[j] + bhh[j]) }
            for j in 3 * h..<4 * h { g[j] = sigmoid(x[j] + hp[j] + bhh[j]) }
            let c = cellStates.pointer + row * h, tc = cellTanh.pointer + row * h
            let cPrev = previous.map { cellStates.pointer + (b * steps + $0) * h } ?? zeros.pointer
            let (i, f, cg) = (g, g + h, g + 2 * h)
            for j in 0..<h { c[j] = f[j] * cPrev[j] + i[j] * cg[j] }
            for j in 0..<h { tc[j] = hyperbolicTangent(c[j]) }
            let o = g + 3 * h
            for j in 0..<h { y[j] = o[j] * tc[j] }
        }
    }

    // dy [B, T, H] -> dx [B, T, C]; gradients of all four parameters accumulate
    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("\(cell).backward before forward") }
        let (batch, steps, h) = (x.shape[0], x.shape[1], hiddenSize)
        let gh = cell.gates * h, rows = batch * steps
        inputGateGradient.resize(rows, gh)
        if cell == .gru { recurrentGateGradient.resize(rows, gh) }
        let recurrentGates = self.recurrentGates
        stateGradient.resize(batch, h)
        stateGradient.zero()
        if cell == .gru { directGradient.resize(batch, h) }
        if cell == .lstm { cellGradient.resize(batch, h); cellGradient.zero() }

        for s in stride(from: steps - 1, through: 0, by: -1) {
            let t = reverse ? steps - 1 - s : s, previous = reverse ? t + 1 : t - 1
            let first = s == 0
            for b in 0..<batch { stepBackward(b, t: t, previous: first ? nil : previous, steps: steps, dy: dy) }
            guard !first else { continue }
            // dL/dh_prev through W_hh, then the mask, then GRU's direct z * dh path.
            BLAS.gemm(recurrentGates.pointer + t * gh, weightHH.value.pointer, into: stateGradient.pointer,
                      m: batch, n: h, k: gh, rowStrideA: steps * gh)
            let dh = stateGradient.pointer
            if usedMask {
                let m = mask.pointer
                for i in 0..<batch * h { dh[i] *= m[i] }
            }
            if cell == .gru {
                let direct = directGradient.pointer
                for i in 0..<batch * h { dh[i] += direct[i] }
            }
        }

        // Input side: one product for every step.
        BLAS.gemm(inputGateGradient.pointer, transposeA: true, x.pointer, into: weightIH.gradient.pointer,
                  m: gh, n: inputSize, k: rows, beta: 1)
        addColumnSums(of: inputGateGradient, rows: rows, into: biasIH.gradient.pointer)
        inputGradient.resize(x.shape)
        inputGradient.zero()
        BLAS.gemm(inputGateGradient.pointer, weightIH.value.pointer, into: inputGradient.pointer,
                  m: rows, n: inputSize, k: gh, beta: 1)
        // Recurrent side: the first step's state is zero, so with one step there is nothing to add to dW_hh.
        if steps > 1 {
            BLAS.gemm(recurrentGates.pointer, transposeA: true, previousState.pointer,
                      into: weightHH.gradient.pointer, m: gh, n: h, k: rows, beta: 1)
        }
        addColumnSums(of: recurrentGates, rows: rows, into: biasHH.gradient.pointer)
        return inputGradient
    }

    /// Gate gradients of one sequence at time t, from dL/dh (the output's gradient plus what the later
    /// step sent back), and what flows straight to h_prev or c_prev. dL/dh is summed in place into
    /// `stateGradient`, whose row is overwritten with dL/dh_prev once every sequence is done. Short
    /// loops over few buffers, so that each vectorises. RNN and LSTM have the same gate gradient on
    /// both sides, so their recurrent side is not stored separately (`recurrentGates`).
    @inline(__always)
    private func stepBackward(_ b: Int, t: Int, previous: Int?, steps: Int, dy: Tensor) {
        let h = hiddenSize, gh = cell.gates * h, row = b * steps + t
        let g = gateValues.pointer + row * gh, dx = inputGateGradient.pointer + row * gh
        let incoming = dy.pointer + row * h, dh = stateGradient.pointer + b * h
        for j in 0..<h { dh[j] += incoming[j] }
        switch cell {
        case .rnn:
            for j in 0..<h { dx[j] = dh[j] * (1 - g[j] * g[j]) }
        case .gru:
            let (r, z, n) = (g, g + h, g + 2 * h)
            let (dxr, dxz, dxn) = (dx, dx + h, dx + 2 * h)
            let hPrev = previous.map { output.pointer + (b * steps + $0) * h } ?? zeros.pointer
            let candidate = hiddenCandidate.pointer + row * h, direct = directGradient.pointer + b * h
            for j in 0..<h { dxn[j] = dh[j] * (1 - z[j]) * (1 - n[j] * n[j]) }
            for j in 0..<h { dxz[j] = dh[j] * (hPrev[j] - n[j]) * z[j] * (1 - z[j]) }
            for j in 0..<h { dxr[j] = dxn[j] * candidate[j] * r[j] * (1 - r[j]) }
            for j in 0..<h { direct[j] = dh[j] * z[j] }
            // The recurrent side differs only in n: b_hn and W_hn h sit inside the reset product.
            let dr = recurrentGateGradient.pointer + row * gh
            dr.update(from: dx, count: 2 * h)
            let drn = dr + 2 * h
            for j in 0..<h { drn[j] = dxn[j] * r[j] }
        case .lstm:
            let (i, f, cg, o) = (g, g + h, g + 2 * h, g + 3 * h)
            let (dxi, dxf, dxg, dxo) = (dx, dx + h, dx + 2 * h, dx + 3 * h)
            let tc = cellTanh.pointer + row * h, dc = cellGradient.pointer + b * h
            let cPrev = previous.map { cellStates.pointer + (b * steps + $0) * h } ?? zeros.pointer
            for j in 0..<h { dc[j] += dh[j] * o[j] * (1 - tc[j] * tc[j]) }
            for j in 0..<h { dxo[j] = dh[j] * tc[j] * o[j] * (1 - o[j]) }
            for j in 0..<h { dxi[j] = dc[j] * cg[j] * i[j] * (1 - i[j]) }
            for j in 0..<h { dxf[j] = dc[j] * cPrev[j] * f[j] * (1 - f[j]) }
            for j in 0..<h { dxg[j] = dc[j] * i[j] * (1 - cg[j] * cg[j]) }
            for j in 0..<h { dc[j] *= f[j] }
        }
    }

    /// dL/d(gate pre-activations) on the recurrent side: its own buffer for the GRU, the input side's otherwise.
    private var recurrentGates: Tensor { cell == .gru ? recurrentGateGradient : inputGateGradient }
}

/// bias gradient += the sum of a [rows, N] gradient's rows.
func addColumnSums(of gradient: Tensor, rows: Int, into target: UnsafeMutablePointer<Float>) {
    let n = gradient.count / max(rows, 1), g = gradient.pointer
    for r in 0..<rows {
        let row = g + r * n
        for j in 0..<n { target[j] += row[j] }
    }
}

// MARK: - exp, sigmoid and tanh for the cells
//
// They live in this file, not a file of their own, because a debug build compiles each file
// separately and would then call them instead of inlining them into the cells' loops.

/// exp, sigmoid and tanh written out in plain arithmetic, accurate to a couple of units in the last
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

/// tanh from e^(-2|x|); near zero, where that form cancels, from its series x - x^3/3 + 2x^5/15.
@inline(__always)
private func hyperbolicTangent(_ x: Float) -> Float {
    let a = abs(x)
    let e = exponential(-2 * a)
    let large = (1 - e) / (1 + e)
    let x2 = x * x
    let small = a * (1 + x2 * (-0.333_333_34 + x2 * 0.133_333_34))
    let t = a < 0.05 ? small : large
    return x < 0 ? -t : t
}

/// One recurrent layer in one direction, for any cell: [B, T, C] -> [B, T, H], PyTorch's parameter
/// layout, with backpropagation through time written out. The cell does the element-wise arithmetic
/// of a step; this unroller does the rest.
///
/// Inside, every per-step buffer is time-major (row t * B + b holds sequence b at time t), so that a
/// time step is one contiguous [B, ...] block: the step's matrix product reads the previous step's
/// states where they lie, and the backward pass's products over all steps need no gathered copies.
/// The input is transposed to that order once per batch and the output back once, except between
/// stacked layers, which hand the time-major states over as they lie (TimeMajorHandOff.swift).
///
/// The input projections of all time steps are one matrix product onto the biases (for one input
/// feature, a scaling each step does itself); each step then adds the previous state times W_hh
/// (skipped at the first step, whose state is zero: with the book's one-step input layout no
/// recurrent product is ever needed).
///
/// Pointers into the buffers are taken after the buffers are sized for the pass and live only within
/// `forward` or `backward`, which resize nothing once they hold them. The backward pass is
/// `RecurrentBackward` (RecurrentBackward.swift), with buffers of its own; it reads this pass's buffers
/// through the pointers `backward` hands it, and they stay private here.
public final class Recurrent<Cell: RecurrentCell>: RecurrentLayer, RecurrentDirection, GivesTimeMajor,
    TakesTimeMajor
{
    public let inputSize: Int
    public let hiddenSize: Int
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
    public var directions: [any RecurrentDirection] { [self] }
    public var onlyLastOutput = false
    public var reusesMask = false
    public var products = ProductEngine()
    public var computesInputGradient = true
    public var randomSources: [RandomSource] { [random] }
    /// Set by `Sequential` for a layer stacked on another (TimeMajorHandOff.swift): the input arrives
    /// [T, B, C] and is read where it lies; its gradient goes back [T, B, C].
    var takesTimeMajor = false
    /// Set by `Sequential` when the next layer takes the output time-major: the output is the states
    /// buffer itself, [T, B, H], and dL/dy comes back in that order.
    var givesTimeMajor = false
    var canGiveTimeMajor: Bool { !reverse }

    private let cell: Cell
    private let random: RandomSource
    /// The latest forward pass's batch size and number of steps, and whether it drew a mask.
    private var batch = 0, steps = 0, usedMask = false
    /// Whether the cell keeps part of the recurrent side apart (see `RecurrentCell`).
    private var separate: Bool { !Cell.separateRecurrentBlocks.isEmpty }

    private let inputRows = Tensor(shape: [0])  // [T*B, C]: x
    private let bias = Tensor(shape: [0])  // [GH]: b_ih + b_hh (separate blocks: b_ih alone)
    private let gateValues = Tensor(shape: [0])  // [T*B, GH]: gate pre-activations, activated by the cell
    private let states = Tensor(shape: [0])  // [T*B, H]: h
    private let recurrentWeights = Tensor(shape: [0])  // [H, GH]: W_hh^T
    private let recurrentBias = Tensor(shape: [0])  // separate [GH]: b_hh in the separate blocks, else 0
    // separate [B, GH]: one step's h_prev W_hh^T + recurrentBias
    private let recurrentProduct = Tensor(shape: [0])
    // [T*B, H]: the masked state each step fed to W_hh (mask only)
    private let previousState = Tensor(shape: [0])
    private let mask = Tensor(shape: [0])  // [B, H]: 0 or 1/(1-p)
    private let zeros = Tensor(shape: [0])  // [B, H]: the zero state before the first step
    private let output = Tensor(shape: [0])  // [B, T, H]: sized and filled by the plain `forward` only
    private let timeMajorOutput = Tensor(viewing: Tensor(shape: [0]))  // [T, B, H]: a view of `states`
    /// x as time-major rows [T*B, C]: `inputRows`, or the input itself when it arrives time-major. Then
    /// it points into the layer below's states, which hold until that layer's next forward pass: in a
    /// training step this layer's backward pass comes first, as it must for this layer's own buffers.
    private var inputPointer: UnsafePointer<Float>?
    private let backwardPass = RecurrentBackward<Cell>()

    /// Every weight and bias drawn from U(-1/sqrt(H), 1/sqrt(H)), PyTorch's default.
    public init(
        inputSize: Int, hiddenSize: Int, reverse: Bool = false, recurrentDropout: Float = 0,
        names suffix: String = "_l0", random: RandomSource
    ) {
        precondition((0..<1).contains(recurrentDropout), "recurrent dropout must be in [0, 1)")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.reverse = reverse
        self.recurrentDropout = recurrentDropout
        self.random = random
        cell = Cell(hiddenSize: hiddenSize)
        let shapes = Cell.parameterShapes(inputSize: inputSize, hiddenSize: hiddenSize)
        let bound = 1 / Float(hiddenSize).squareRoot()
        func uniform(_ shape: [Int]) -> Tensor { .uniform(shape, bound: bound, random: random) }
        weightIH = Parameter(name: "weight_ih" + suffix, value: uniform(shapes.weightIH))
        weightHH = Parameter(name: "weight_hh" + suffix, value: uniform(shapes.weightHH))
        biasIH = Parameter(name: "bias_ih" + suffix, value: uniform(shapes.biasIH))
        biasHH = Parameter(name: "bias_hh" + suffix, value: uniform(shapes.biasHH))
    }

    // -> h [B, H], c [B, H] (LSTM)
    public func finalState() -> (hidden: [Float], cell: [Float]?) {
        precondition(!(reverse && onlyLastOutput), "a reverse direction that ran one step has no final state")
        let row = (reverse ? 0 : steps - 1) * batch
        let hidden = Array(
            UnsafeBufferPointer(start: states.pointer + row * hiddenSize, count: batch * hiddenSize))
        return (hidden, cell.cellState(row: row, batch: batch))
    }

    /// Sizes every buffer a forward pass over [B, T, C] uses (`output` when the pass returns it).
    private func reserve(batch: Int, steps: Int, returnsOutput: Bool) {
        let (rows, h, gh) = (batch * steps, hiddenSize, Cell.gateCount * hiddenSize)
        if !takesTimeMajor { inputRows.resize(rows, inputSize) }
        bias.resize([gh])
        gateValues.resize(rows, gh)
        states.resize(rows, h)
        if returnsOutput && !givesTimeMajor { output.resize(batch, steps, h) }
        if zeros.count != batch * h {
            zeros.resize([batch * h])
            zeros.zero()
        }
        recurrentWeights.resize(h, gh)
        if separate {
            recurrentBias.resize([gh])
            recurrentProduct.resize(batch, gh)
        }
        cell.reserve(rows: rows, batch: batch)
    }

    /// b_hh joins b_ih except in the cell's separate blocks, where it stays with the recurrent product.
    /// b_ih, b_hh [GH] -> bias [GH], recurrentBias [GH]
    private func combineBiases() {
        let h = hiddenSize, gh = Cell.gateCount * h
        let bih = biasIH.value.pointer, bhh = biasHH.value.pointer, b = bias.pointer
        for j in 0..<gh { b[j] = bih[j] + bhh[j] }
        guard separate else { return }
        let rb = recurrentBias.pointer, blocks = Cell.separateRecurrentBlocks
        rb.update(repeating: 0, count: gh)
        let (start, count) = (blocks.lowerBound * h, blocks.count * h)
        (b + start).update(from: bih + start, count: count)
        (rb + start).update(from: bhh + start, count: count)
    }

    // x [B, T, C] -> y [B, T, H] (time-major hand-off: x [T, B, C], y [T, B, H])
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        runSteps(x, training: training, returnsOutput: true)
        if givesTimeMajor {
            timeMajorOutput.view(states, as: [steps, batch, hiddenSize])
            return timeMajorOutput
        }
        transpose(states.pointer, into: output.pointer, outer: steps, inner: batch, width: hiddenSize)
        return output
    }

    /// The forward pass for `Bidirectional`, which keeps both directions' outputs in one tensor: y's
    /// H values for sequence b at step t go to target + (b * T + t) * rowStride. The caller provides
    /// (B * T - 1) * rowStride + H floats; `Bidirectional` checks its shapes.
    func forward(_ x: Tensor, training: Bool, into target: UnsafeMutablePointer<Float>, rowStride: Int) {
        runSteps(x, training: training, returnsOutput: false)
        // h [T*B, H], time-major -> rows of target, [B, T, rowStride]
        transpose(
            states.pointer, into: target, outer: steps, inner: batch, width: hiddenSize,
            targetRowStride: rowStride)
    }

    /// x [B, T, C] -> h [T*B, H] in `states`: the steps of a forward pass.
    private func runSteps(_ x: Tensor, training: Bool, returnsOutput: Bool) {
        precondition(
            x.shape.count == 3 && x.shape[2] == inputSize,
            "\(Cell.name) expects [B, T, \(inputSize)], got \(x.shape)")
        let (batch, steps) = takesTimeMajor ? (x.shape[1], x.shape[0]) : (x.shape[0], x.shape[1])
        let (c, h) = (inputSize, hiddenSize)
        let gh = Cell.gateCount * h, rows = batch * steps
        self.batch = batch
        self.steps = steps
        reserve(batch: batch, steps: steps, returnsOutput: returnsOutput)
        let xs: UnsafePointer<Float>
        if takesTimeMajor {
            xs = UnsafePointer(x.pointer)
        } else {
            transpose(x.pointer, into: inputRows.pointer, outer: batch, inner: steps, width: c)
            xs = UnsafePointer(inputRows.pointer)
        }
        inputPointer = xs
        let b = bias.pointer
        combineBiases()
        // The steps this pass runs, and the rows of the time-major buffers they fill.
        let run = onlyLastOutput && reverse ? 1 : steps
        let runRows = (reverse ? steps - run : 0) * batch..<(reverse ? steps : run) * batch
        let gates = gateValues.pointer, wih = weightIH.value.pointer
        // snippet.input-projection
        // x_t W_ih^T + b_ih + b_hh for every step at once: [T*B, C] x [C, GH] onto the biases.
        if c > 1 {
            for r in runRows { (gates + r * gh).update(from: b, count: gh) }
            products.gemm(
                xs + runRows.lowerBound * c, wih, transposeB: true, into: gates + runRows.lowerBound * gh,
                m: runRows.count, n: gh, k: c, beta: 1)
        }
        // snippet.end

        // snippet.recurrent-mask
        // One mask per sequence for the whole pass: every step reuses it (Gal and Ghahramani).
        let usedMask = training && recurrentDropout > 0
        self.usedMask = usedMask
        if usedMask && !(reusesMask && mask.shape == [batch, h]) {
            mask.resize(batch, h)
            let keep = 1 / (1 - recurrentDropout)
            let draws = mask.pointer
            random.fillUnitFloats(draws, count: mask.count)
            for i in 0..<mask.count { draws[i] = draws[i] < recurrentDropout ? 0 : keep }
        }
        // snippet.end
        if usedMask { previousState.resize(rows, h) }
        let hidden = states.pointer, m = mask.pointer, masked = previousState.pointer
        // The step products read W_hh^T stored as such and add onto the values already there (beta 1),
        // the form the chapter's runs were made in. One step needs no product.
        let whh = recurrentWeights.pointer
        if steps > 1 { transpose(weightHH.value.pointer, into: whh, outer: gh, inner: h, width: 1) }
        let product = recurrentProduct.pointer, productBias = recurrentBias.pointer
        if run < steps {
            (hidden + (reverse ? 0 : runRows.upperBound) * h).update(
                repeating: 0, count: (rows - runRows.count) * h)
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
            // h_prev W_hh^T: straight onto the pre-activations, or apart for a cell with separate
            // blocks. At the first step h_prev = 0.
            if separate {
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
                products.gemm(hPrev, whh, into: separate ? product : block, m: batch, n: gh, k: h, beta: 1)
                // snippet.end
            }
            cell.forward(
                CellStep(
                    gates: block, recurrent: separate ? UnsafePointer(product) : nil,
                    previousState: first
                        ? UnsafePointer(zeros.pointer) : UnsafePointer(hidden + previous * batch * h),
                    state: hidden + t * batch * h, row: t * batch,
                    previousRow: first ? nil : previous * batch,
                    batch: batch))
        }
    }

    // dy [B, T, H] -> dx [B, T, C]; gradients of all four parameters accumulate (RecurrentBackward.swift)
    // (time-major hand-off: dy [T, B, H], dx [T, B, C])
    public func backward(_ dy: Tensor) -> Tensor {
        precondition(steps > 0, "\(Cell.name).backward before forward")
        let expected = givesTimeMajor ? [steps, batch, hiddenSize] : [batch, steps, hiddenSize]
        precondition(
            dy.shape == expected, "\(Cell.name) backward expects \(expected), got \(dy.shape)")
        let h = hiddenSize
        return backward(UnsafePointer(dy.pointer), strides: givesTimeMajor ? (h, batch * h) : (steps * h, h))
    }

    /// The backward pass for `Bidirectional`, reading dL/dy where its forward pass put y: sequence b's
    /// H values at step t at dy + (b * T + t) * rowStride, which the caller provides as for `forward`.
    func backward(rows dy: UnsafePointer<Float>, rowStride: Int) -> Tensor {
        backward(dy, strides: (steps * rowStride, rowStride))
    }

    /// Sequence b's dL/dy at step t starts at dy + b * strides.perSequence + t * strides.perStep.
    private func backward(_ dy: UnsafePointer<Float>, strides: (perSequence: Int, perStep: Int)) -> Tensor {
        guard let inputs = inputPointer else { preconditionFailure("\(Cell.name).backward before forward") }
        let tape = RecurrentTape(
            cell: cell, batch: batch, steps: steps, inputs: inputs, gates: gateValues.pointer,
            states: states.pointer, zeros: zeros.pointer,
            dropout: usedMask ? (UnsafePointer(mask.pointer), UnsafePointer(previousState.pointer)) : nil)
        return backwardPass.backward(dy, strides: strides, of: self, tape: tape)
    }
}

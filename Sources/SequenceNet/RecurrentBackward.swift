/// What a forward pass of `Recurrent` leaves for its backward pass: its cell, its batch size and number
/// of steps, and pointers into its time-major buffers (row t * B + b holds sequence b at time t). Made
/// by `Recurrent.backward` and valid only during it; the buffers stay private to `Recurrent`.
struct RecurrentTape<Cell: RecurrentCell> {
    let cell: Cell
    let batch: Int, steps: Int
    let inputs: UnsafePointer<Float>  // [T*B, C]: x
    let gates: UnsafePointer<Float>  // [T*B, GH]: the gates as the cell's forward steps left them
    let states: UnsafePointer<Float>  // [T*B, H]: h
    let zeros: UnsafePointer<Float>  // [B, H]: the zero state before the first step
    /// With recurrent dropout: the mask [B, H] and the masked state each step fed to W_hh [T*B, H].
    let dropout: (mask: UnsafePointer<Float>, maskedStates: UnsafePointer<Float>)?
}

/// Backpropagation through time for one `Recurrent` layer: the cell's backward steps from the last
/// step with an output gradient down to the first, each sending dL/dh_prev back through W_hh, then the
/// products over all those steps at once for the parameters' gradients and dL/dx. The buffers are
/// its own, time-major like the forward pass's, and sized on each pass.
final class RecurrentBackward<Cell: RecurrentCell> {
    /// Whether the cell keeps part of the recurrent side apart (see `RecurrentCell`).
    private var separate: Bool { !Cell.separateRecurrentBlocks.isEmpty }

    private let inputGateGradient = Tensor(shape: [0])  // [T*B, GH]: dL/d(gate pre-activations), input side
    private let recurrentGateGradient = Tensor(shape: [0])  // separate [T*B, GH]: the same, recurrent side
    private let stateGradient = Tensor(shape: [0])  // [B, H]: dL/dh, then dL/dh_prev
    private let maskedGradient = Tensor(shape: [0])  // [B, H]: dL/d(masked h_prev) (mask only)
    private let ones = Tensor(shape: [0])  // [T*B]: for the bias gradients' column sums
    private let rowGradient = Tensor(shape: [0])  // [T*B, C]: dL/dx
    private let inputGradient = Tensor(shape: [0])  // [B, T, C]
    private let timeMajorGradient = Tensor(viewing: Tensor(shape: [0]))  // [T, B, C]: a view of rowGradient

    // dL/dy -> dx [B, T, C]; gradients of all four parameters of `layer` accumulate. Sequence b's H
    // values of dL/dy at step t start at dy + b * strides.perSequence + t * strides.perStep, which covers
    // [B, T, H], the time-major [T, B, H] and one direction's half of a bidirectional layer's [B, T, 2H];
    // dx is [T, B, C] when the layer takes its input time-major.
    func backward(
        _ dy: UnsafePointer<Float>, strides: (perSequence: Int, perStep: Int), of layer: Recurrent<Cell>,
        tape: RecurrentTape<Cell>
    ) -> Tensor {
        let (batch, steps, c, h) = (tape.batch, tape.steps, layer.inputSize, layer.hiddenSize)
        let (reverse, products, cell) = (layer.reverse, layer.products, tape.cell)
        let gh = Cell.gateCount * h, rows = batch * steps
        let (perSequence, perStep) = strides
        if layer.takesTimeMajor {
            rowGradient.resize(rows, c)
        } else {
            inputGradient.resize(batch, steps, c)
            inputGradient.zero()
        }
        // Steps processed after the last one with a nonzero output gradient pass nothing back and are
        // skipped: under `out[:, -1, :]` the reverse direction's only such step is its first. A reverse
        // layer that ran only its first step (`onlyLastOutput`) needs no search for it.
        let lastStep =
            layer.onlyLastOutput && reverse
            ? 0
            : lastStepWithGradient(dy, reverse: reverse, batch: batch, steps: steps, h: h, strides: strides)
        // W_hh's gradient is written only when a step after the first passes a gradient back.
        layer.weightHH.gradientUntouched = (lastStep ?? 0) == 0
        guard let last = lastStep else {
            return inputGradientOut(layer: layer, batch: batch, steps: steps, done: 0)
        }
        inputGateGradient.resize(rows, gh)
        if separate { recurrentGateGradient.resize(rows, gh) }
        stateGradient.resize(batch, h)
        if tape.dropout != nil { maskedGradient.resize(batch, h) }
        cell.startBackward(batch: batch)

        let incoming = dy, gates = tape.gates, hidden = tape.states
        let dGates = inputGateGradient.pointer
        let dRecurrent = separate ? recurrentGateGradient.pointer : inputGateGradient.pointer
        let dh = stateGradient.pointer, whh = layer.weightHH.value.pointer, maskedDh = maskedGradient.pointer
        // dL/dh at a step is dy there plus what the later step sends back through W_hh (and for a cell
        // with a direct path, straight from dh); dh starts as dy and the product is added onto it (beta 1).
        let lastT = reverse ? steps - 1 - last : last
        for r in 0..<batch {
            (dh + r * h).update(from: incoming + r * perSequence + lastT * perStep, count: h)
        }
        for s in stride(from: last, through: 0, by: -1) {
            let t = reverse ? steps - 1 - s : s, previous = reverse ? t + 1 : t - 1
            let first = s == 0
            cell.backward(
                CellStepGradient(
                    gates: gates + t * batch * gh,
                    previousState: first ? tape.zeros : hidden + previous * batch * h,
                    state: hidden + t * batch * h, stateGradient: dh, inputSide: dGates + t * batch * gh,
                    recurrentSide: separate ? dRecurrent + t * batch * gh : nil,
                    row: t * batch, previousRow: first ? nil : previous * batch, batch: batch))
            guard !first else { continue }
            // dL/dh_prev: dy at the previous step, the cell's direct part, and the gate gradients
            // through W_hh (and the mask).
            for r in 0..<batch {
                let dhRow = dh + r * h, dyRow = incoming + r * perSequence + previous * perStep
                if Cell.passesStateGradientDirectly {
                    for j in 0..<h { dhRow[j] += dyRow[j] }
                } else {
                    dhRow.update(from: dyRow, count: h)
                }
            }
            let block = dRecurrent + t * batch * gh
            if let m = tape.dropout?.mask {
                products.gemm(block, whh, into: maskedDh, m: batch, n: h, k: gh)
                for i in 0..<batch * h { dh[i] += maskedDh[i] * m[i] }
            } else {
                products.gemm(block, whh, into: dh, m: batch, n: h, k: gh, beta: 1)
            }
        }
        accumulateParameterGradients(of: layer, tape: tape, last: last)
        return inputGradientOut(layer: layer, batch: batch, steps: steps, done: last + 1)
    }

    /// dL/dx as the layer hands it back: [B, T, C] in `inputGradient`, or for the time-major hand-off
    /// the rows of `rowGradient` as they lie, [T, B, C], with the steps the pass did not reach (those
    /// after the first `done`, a forward layer's only kind) set to zero.
    private func inputGradientOut(layer: Recurrent<Cell>, batch: Int, steps: Int, done: Int) -> Tensor {
        guard layer.takesTimeMajor else { return inputGradient }
        precondition(!layer.reverse, "a reverse direction does not take its input time-major")
        let c = layer.inputSize
        (rowGradient.pointer + done * batch * c).update(repeating: 0, count: (steps - done) * batch * c)
        timeMajorGradient.view(rowGradient, as: [steps, batch, c])
        return timeMajorGradient
    }

    /// The products over every step the backward pass did, steps 0...last in processing order: the
    /// bias and weight gradients, and dL/dx into `inputGradient`.
    /// d(gates) [T*B, GH], x [T*B, C], h [T*B, H] -> dW_ih [GH, C], dW_hh [GH, H], db [GH], dx [B, T, C]
    private func accumulateParameterGradients(of layer: Recurrent<Cell>, tape: RecurrentTape<Cell>, last: Int)
    {
        let (batch, steps, c, h) = (tape.batch, tape.steps, layer.inputSize, layer.hiddenSize)
        let (reverse, products) = (layer.reverse, layer.products)
        let gh = Cell.gateCount * h, rows = batch * steps
        let dGates = inputGateGradient.pointer
        let dRecurrent = separate ? recurrentGateGradient.pointer : inputGateGradient.pointer
        // The steps done are one block of rows; each product below covers all of them at once.
        let firstRow = (reverse ? steps - 1 - last : 0) * batch, count = (last + 1) * batch
        if ones.count != rows {
            ones.resize([rows])
            ones.pointer.update(repeating: 1, count: rows)
        }
        rowGradient.resize(rows, c)
        let dInput = dGates + firstRow * gh, xs = tape.inputs + firstRow * c
        let wih = layer.weightIH.value.pointer, dx = rowGradient.pointer + firstRow * c
        products.gemv(
            dInput, transpose: true, m: count, n: gh, ones.pointer, into: layer.biasIH.gradient.pointer,
            beta: 1)
        products.gemv(
            dRecurrent + firstRow * gh, transpose: true, m: count, n: gh, ones.pointer,
            into: layer.biasHH.gradient.pointer, beta: 1)
        if c == 1 {
            products.gemv(
                dInput, transpose: true, m: count, n: gh, xs, into: layer.weightIH.gradient.pointer, beta: 1)
            if layer.computesInputGradient { products.gemv(dInput, m: count, n: gh, wih, into: dx) }
        } else {
            products.gemm(
                dInput, transposeA: true, xs, into: layer.weightIH.gradient.pointer, m: gh, n: c, k: count,
                beta: 1)
            if layer.computesInputGradient { products.gemm(dInput, wih, into: dx, m: count, n: c, k: gh) }
        }
        if layer.computesInputGradient && !layer.takesTimeMajor {
            transpose(
                rowGradient.pointer, into: inputGradient.pointer, outer: steps, inner: batch, width: c,
                outerRange: firstRow / batch..<firstRow / batch + last + 1)
        }
        // Recurrent side: steps 1...last, against the states they were given (the first step's is zero).
        guard last > 0 else { return }
        let recurrentRow = (reverse ? steps - 1 - last : 1) * batch
        let hPrev =
            if let dropout = tape.dropout {
                dropout.maskedStates + recurrentRow * h
            } else {
                tape.states + (reverse ? recurrentRow + batch : recurrentRow - batch) * h
            }
        products.gemm(
            dRecurrent + recurrentRow * gh, transposeA: true, hPrev, into: layer.weightHH.gradient.pointer,
            m: gh, n: h, k: last * batch, beta: 1)
    }

    /// The last step in processing order whose slice of dy is not all zero; nil if none is. Sequence b's
    /// H values at step t start at b * strides.perSequence + t * strides.perStep.
    private func lastStepWithGradient(
        _ g: UnsafePointer<Float>, reverse: Bool, batch: Int, steps: Int, h: Int,
        strides: (perSequence: Int, perStep: Int)
    ) -> Int? {
        for s in stride(from: steps - 1, through: 0, by: -1) {
            let t = reverse ? steps - 1 - s : s
            for b in 0..<batch
            where UnsafeBufferPointer(start: g + b * strides.perSequence + t * strides.perStep, count: h)
                .contains(where: { $0 != 0 })
            {
                return s
            }
        }
        return nil
    }
}

/// How `Conv1d` pads its input with zeros, as PyTorch's `padding=` argument.
public enum Padding: Equatable, Sendable {
    /// The same number of zeros on both ends.
    case zeros(Int)
    /// As many zeros as keep the length unchanged; for an even kernel the extra zero goes on the
    /// right, as PyTorch does it.
    case same

    /// Zeros before and after the sequence for a kernel of size `k`.
    func amounts(kernelSize k: Int) -> (left: Int, right: Int) {
        switch self {
        case .zeros(let p): return (p, p)
        case .same: return ((k - 1) / 2, (k - 1) - (k - 1) / 2)
        }
    }
}

/// `nn.Conv1d` with stride 1 and no dilation: a cross-correlation of every output channel's
/// [in, K] filter with the zero-padded input, plus a bias.
///
/// Computed as one matrix product per pass: the input is unrolled ("im2col") into a matrix with
/// one column per output position of every sequence in the batch, so the products are large
/// enough for BLAS to run at full speed even with a single input channel.
public final class Conv1d: Layer, AppliesReLU {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Int
    public let padding: Padding
    /// [out, in, K]
    public let weight: Parameter
    /// [out]
    public let bias: Parameter
    public var parameters: [Parameter] { [weight, bias] }
    public var products = ProductEngine()
    /// False for a first layer fed with data: its input gradient is never used, so it is not computed.
    public var computesInputGradient = true
    /// Set by `Sequential` when a ReLU follows: the output pass writes max(y, 0), and `output` is then
    /// the ReLU's output, whose sign is the backward pass's mask.
    var appliesReLU = false

    private var input: Tensor?
    private let columns = Tensor(shape: [0])  // [C*K, B*Tout]
    // [Cout, B*Tout]: the forward product, and in the backward pass dy' in that layout. One buffer for
    // both: the backward pass no longer needs the product, and a core has one buffer fewer to keep.
    private let channelMajor = Tensor(shape: [0])
    private let output = Tensor(shape: [0])  // [B, Cout, Tout]
    private let columnGradient = Tensor(shape: [0])  // [C*K, B*Tout]
    private let inputGradient = Tensor(shape: [0])  // [B, C, T]

    /// Filters and bias drawn from U(-1/sqrt(in*K), 1/sqrt(in*K)), PyTorch's default.
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int, padding: Padding = .zeros(0),
        random: RandomSource
    ) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.padding = padding
        let bound = 1 / Float(inChannels * kernelSize).squareRoot()
        weight = Parameter(
            name: "weight",
            value: .uniform([outChannels, inChannels, kernelSize], bound: bound, random: random))
        bias = Parameter(name: "bias", value: .uniform([outChannels], bound: bound, random: random))
    }

    /// The output length for an input of length `length`.
    public func outputLength(for length: Int) -> Int {
        Self.outputLength(for: length, kernelSize: kernelSize, padding: padding)
    }

    /// The output length of a convolution with this kernel size and padding, before one is built.
    public static func outputLength(for length: Int, kernelSize: Int, padding: Padding) -> Int {
        let (left, right) = padding.amounts(kernelSize: kernelSize)
        return length + left + right - kernelSize + 1
    }

    // x [B, C, T] -> y [B, Cout, Tout]
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        precondition(
            x.shape.count == 3 && x.shape[1] == inChannels,
            "Conv1d(\(inChannels), \(outChannels)) expects [B, \(inChannels), T], got \(x.shape)")
        input = x
        let (batch, length) = (x.shape[0], x.shape[2])
        let outLength = outputLength(for: length)
        precondition(outLength > 0, "Conv1d: kernel \(kernelSize) is longer than the padded input \(length)")
        let rows = inChannels * kernelSize, positions = batch * outLength
        columns.resize(rows, positions)
        unroll(x, batch: batch, length: length, outLength: outLength)
        channelMajor.resize(outChannels, positions)
        // Start each output channel's row at its bias and let the product add to it (beta = 1).
        let p = channelMajor.pointer, b = bias.value.pointer
        for co in 0..<outChannels { (p + co * positions).update(repeating: b[co], count: positions) }
        products.gemm(
            weight.value.pointer, columns.pointer, into: p,
            m: outChannels, n: positions, k: rows, beta: 1)
        // [Cout, B*Tout] -> [B, Cout, Tout], through the ReLU if this layer applies it
        output.resize(batch, outChannels, outLength)
        let y = output.pointer
        for n in 0..<batch {
            for co in 0..<outChannels {
                let source = p + co * positions + n * outLength
                let target = y + (n * outChannels + co) * outLength
                if appliesReLU {
                    rectify(source, into: target, count: outLength)
                } else {
                    target.update(from: source, count: outLength)
                }
            }
        }
        return output
    }

    // columns[ci*K + k, n*Tout + t] = x[n, ci, t + k - left], zero outside the sequence
    private func unroll(_ x: Tensor, batch: Int, length: Int, outLength: Int) {
        let left = padding.amounts(kernelSize: kernelSize).left
        let positions = batch * outLength
        let cols = columns.pointer, xs = x.pointer
        for ci in 0..<inChannels {
            for k in 0..<kernelSize {
                let row = cols + (ci * kernelSize + k) * positions
                let shift = k - left
                let first = max(0, -shift), end = min(outLength, length - shift)
                for n in 0..<batch {
                    let target = row + n * outLength
                    let source = xs + (n * inChannels + ci) * length + shift
                    for t in 0..<min(first, outLength) { target[t] = 0 }
                    if end > first {
                        (target + first).update(from: source + first, count: end - first)
                    }
                    for t in max(end, 0)..<outLength { target[t] = 0 }
                }
            }
        }
    }

    // dy [B, Cout, Tout] -> dx [B, C, T]; dW [Cout, C*K] += dy' columns^T; db [Cout] += sum of dy'
    // (dy' is dy, or with the ReLU applied, dy where the output is positive and 0 elsewhere)
    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("Conv1d.backward before forward") }
        let (batch, length) = (x.shape[0], x.shape[2])
        let outLength = dy.shape[2]
        let rows = inChannels * kernelSize, positions = batch * outLength
        channelMajor.resize(outChannels, positions)
        let g = channelMajor.pointer, db = bias.gradient.pointer
        for n in 0..<batch {
            for co in 0..<outChannels {
                let source = dy.pointer + (n * outChannels + co) * outLength
                let target = g + co * positions + n * outLength
                if appliesReLU {
                    let y = output.pointer + (n * outChannels + co) * outLength
                    passWherePositive(source, mask: y, into: target, count: outLength)
                } else {
                    target.update(from: source, count: outLength)
                }
                // The bias's gradient sums what the product reads, in the same order either way.
                let summed = UnsafePointer(target)
                var sum: Float = 0
                for t in 0..<outLength { sum += summed[t] }
                db[co] += sum
            }
        }
        products.gemm(
            g, columns.pointer, transposeB: true, into: weight.gradient.pointer,
            m: outChannels, n: rows, k: positions, beta: 1)
        inputGradient.resize(x.shape)
        guard computesInputGradient else { return inputGradient }
        columnGradient.resize(rows, positions)
        columnGradient.zero()  // the product adds onto zeros (beta 1), as the chapter's runs did
        products.gemm(
            weight.value.pointer, transposeA: true, g, into: columnGradient.pointer,
            m: rows, n: positions, k: outChannels, beta: 1)
        fold(batch: batch, length: length, outLength: outLength)
        return inputGradient
    }

    // The adjoint of `unroll`: dx[n, ci, t + k - left] += columnGradient[ci*K + k, n*Tout + t]
    private func fold(batch: Int, length: Int, outLength: Int) {
        let left = padding.amounts(kernelSize: kernelSize).left
        let positions = batch * outLength
        inputGradient.zero()
        let dc = columnGradient.pointer, dx = inputGradient.pointer
        for ci in 0..<inChannels {
            for k in 0..<kernelSize {
                let row = dc + (ci * kernelSize + k) * positions
                let shift = k - left
                let first = max(0, -shift), end = min(outLength, length - shift)
                guard end > first else { continue }
                for n in 0..<batch {
                    let source = row + n * outLength
                    let target = dx + (n * inChannels + ci) * length + shift
                    for t in first..<end { target[t] += source[t] }
                }
            }
        }
    }
}

// ReLU's two passes over one row, eight floats at a time. A row whose length is no multiple of 8 ends
// with a block that overlaps the one before it: its shared elements are written twice, with the same
// values. The rows here are short (the CNN's 29 positions), and a plain loop over them compiled to
// four floats at a time.

/// target[t] = max(source[t], 0): zero where source[t] <= 0 (-0 included), source[t] elsewhere, as
/// `ReLU.forward` computes it. source, target [count], apart.
@inline(__always)
func rectify(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int) {
    guard count >= 8 else {
        for t in 0..<count { target[t] = max(source[t], 0) }
        return
    }
    var start = 0
    while true {
        let v = UnsafeRawPointer(source + start).loadUnaligned(as: SIMD8<Float>.self)
        UnsafeMutableRawPointer(target + start).storeBytes(
            of: v.replacing(with: 0, where: v .<= 0), as: SIMD8<Float>.self)
        if start == count - 8 { return }
        start = min(start + 8, count - 8)
    }
}

/// target[t] = mask[t] > 0 ? source[t] : 0, as `ReLU.backward` computes it. source, mask, target
/// [count]; target apart from both.
@inline(__always)
func passWherePositive(
    _ source: UnsafePointer<Float>, mask: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
    count: Int
) {
    guard count >= 8 else {
        for t in 0..<count { target[t] = mask[t] > 0 ? source[t] : 0 }
        return
    }
    var start = 0
    while true {
        let g = UnsafeRawPointer(source + start).loadUnaligned(as: SIMD8<Float>.self)
        let y = UnsafeRawPointer(mask + start).loadUnaligned(as: SIMD8<Float>.self)
        UnsafeMutableRawPointer(target + start).storeBytes(
            of: SIMD8<Float>.zero.replacing(with: g, where: y .> 0), as: SIMD8<Float>.self)
        if start == count - 8 { return }
        start = min(start + 8, count - 8)
    }
}

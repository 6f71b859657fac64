/// `nn.Linear`: y = x W^T + b, with W stored as [out, in] like PyTorch.
public final class Linear: Layer {
    public let inFeatures: Int
    public let outFeatures: Int
    /// [out, in]
    public let weight: Parameter
    /// [out]
    public let bias: Parameter
    public var parameters: [Parameter] { [weight, bias] }
    public var products = ProductEngine()
    public var computesInputGradient = true

    private var input: Tensor?
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    /// Weights and bias drawn from U(-1/sqrt(in), 1/sqrt(in)), PyTorch's default.
    public init(_ inFeatures: Int, _ outFeatures: Int, random: RandomSource) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        let bound = 1 / Float(inFeatures).squareRoot()
        weight = Parameter(
            name: "weight", value: .uniform([outFeatures, inFeatures], bound: bound, random: random))
        bias = Parameter(name: "bias", value: .uniform([outFeatures], bound: bound, random: random))
    }

    // x [B, C] -> y [B, H]
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let batch = x.count / inFeatures
        precondition(
            batch * inFeatures == x.count, "Linear(\(inFeatures), \(outFeatures)) got shape \(x.shape)")
        input = x
        output.resize(batch, outFeatures)
        let y = output.pointer, b = bias.value.pointer
        for row in 0..<batch {
            (y + row * outFeatures).update(from: b, count: outFeatures)
        }
        products.gemm(
            x.pointer, weight.value.pointer, transposeB: true, into: y,
            m: batch, n: outFeatures, k: inFeatures, beta: 1)
        return output
    }

    // dy [B, H] -> dx [B, C]; dW [H, C] += dy^T x; db [H] += sum over B of dy
    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("Linear.backward before forward") }
        let batch = dy.count / outFeatures
        products.gemm(
            dy.pointer, transposeA: true, x.pointer, into: weight.gradient.pointer,
            m: outFeatures, n: inFeatures, k: batch, beta: 1)
        let db = bias.gradient.pointer
        for row in 0..<batch {
            let g = dy.pointer + row * outFeatures
            for j in 0..<outFeatures { db[j] += g[j] }
        }
        inputGradient.resize(x.shape)
        guard computesInputGradient else { return inputGradient }
        inputGradient.zero()  // the product adds onto zeros (beta 1), as the chapter's runs did
        products.gemm(
            dy.pointer, weight.value.pointer, into: inputGradient.pointer,
            m: batch, n: inFeatures, k: outFeatures, beta: 1)
        return inputGradient
    }
}

extension Tensor {
    /// A tensor of values drawn from U(-bound, bound), in row-major order.
    public static func uniform(_ shape: [Int], bound: Float, random: RandomSource) -> Tensor {
        let t = Tensor(shape: shape)
        for i in 0..<t.count { t[i] = random.uniform(-bound, bound) }
        return t
    }
}

import Foundation

/// `torch.optim.Adam` with no weight decay, in the order PyTorch's single-tensor CPU path computes it:
/// m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  p -= (lr / (1-b1^t)) * m / (sqrt(v) / sqrt(1-b2^t) + eps)
public final class Adam {
    public let parameters: [Parameter]
    /// Hyperparameters are kept in double precision, like PyTorch's Python floats.
    public var learningRate: Double
    public let beta1: Double, beta2: Double, epsilon: Double
    /// Steps taken so far (PyTorch's `state['step']`).
    public private(set) var step = 0
    private let firstMoments: [Tensor]
    private let secondMoments: [Tensor]
    /// Updates run as two halves, at once when `concurrent` is set; each element is updated the same way either way.
    public var concurrent = false
    private let partition: ElementPartition

    public init(_ parameters: [Parameter], learningRate: Double = 1e-3,
                beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        firstMoments = parameters.map { Tensor(shape: $0.value.shape) }
        secondMoments = parameters.map { Tensor(shape: $0.value.shape) }
        partition = ElementPartition(sizes: parameters.map(\.value.count), parts: 2)
    }

    /// What the optimiser remembers between steps (PyTorch's `state_dict()` less the hyperparameters):
    /// the steps taken and both moments of every parameter.
    public var state: (step: Int, firstMoments: [Tensor], secondMoments: [Tensor]) {
        (step, firstMoments, secondMoments)
    }

    /// Puts back a saved `state`; the moments must have the parameters' sizes.
    public func restore(step: Int, firstMoments first: [[Float]], secondMoments second: [[Float]]) {
        precondition(first.count == parameters.count && second.count == parameters.count, "one moment per parameter")
        self.step = step
        for (tensor, values) in zip(firstMoments + secondMoments, first + second) {
            precondition(values.count == tensor.count, "a moment of the wrong size")
            tensor.pointer.update(from: values, count: values.count)
        }
    }

    /// Sets every parameter's gradient to zero, before the next backward pass.
    public func zeroGradients() { parameters.forEach { $0.zeroGradient() } }

    /// One update of every parameter from its accumulated gradient.
    public func update() {
        step += 1
        // PyTorch computes the bias corrections as Python floats (double precision).
        let correction1 = 1 - pow(beta1, Double(step))
        let correction2Root = (1 - pow(beta2, Double(step))).squareRoot()
        let stepSize = Float(learningRate / correction1)
        let rootCorrection = Float(correction2Root)
        // Coefficients are rounded to Float from double precision, as PyTorch passes them to its kernels.
        let (b2, eps) = (Float(beta2), Float(epsilon))
        let keep1 = Float(1 - beta1), keep2 = Float(1 - beta2)
        Parallel.run(partition.pieces.count, concurrently: concurrent) { part in
            for (index, range) in partition.pieces[part] {
                let p = parameters[index].value.pointer, g = parameters[index].gradient.pointer
                let m = firstMoments[index].pointer, v = secondMoments[index].pointer
                for i in range {
                    let gi = g[i]
                    let mi = m[i] + keep1 * (gi - m[i])
                    let vi = v[i] * b2 + keep2 * gi * gi
                    m[i] = mi
                    v[i] = vi
                    p[i] += (-stepSize * mi) / (vi.squareRoot() / rootCorrection + eps)
                }
            }
        }
    }
}

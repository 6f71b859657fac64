import Foundation

/// `torch.optim.Adam` with no weight decay, in the order PyTorch's single-tensor CPU path computes it:
/// m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  p -= (lr / (1-b1^t)) * m / (sqrt(v) / sqrt(1-b2^t) + eps)
///
/// One loop over the model's parameter arena, with both moments as flat buffers beside it.
public final class Adam {
    /// The values it updates and the gradients it reads.
    public let arena: ParameterArena
    /// Hyperparameters are kept in double precision, like PyTorch's Python floats.
    public var learningRate: Double
    public let beta1: Double, beta2: Double, epsilon: Double
    /// Steps taken so far (PyTorch's `state['step']`).
    public private(set) var step = 0
    /// [N] each, in the arena's order.
    private let firstMoments: Tensor, secondMoments: Tensor
    /// Per parameter, in the arena's order: whether both its moments are still all zero (see
    /// `rangesToUpdate`).
    var momentsAreZero: [Bool]
    /// Per parameter, whether the last step passed over it, and that step's two halves of the ranges
    /// it updated (`sharesToUpdate`).
    var skippedLastStep: [Bool], cachedShares: [[Range<Int>]] = []
    /// Updates run as two halves of the arena, at once on this pair when there is one (unless the
    /// trainer's halves already ran the update: `updateRunning`); each element is updated the same way
    /// either way.
    var pair: CorePair?
    /// This step's update, when the trainer's two halves run it as they finish (AdamDuringBackward).
    var updateRunning: AdamDuringBackward?

    public init(
        arena: ParameterArena, learningRate: Double = 1e-3,
        beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8
    ) {
        self.arena = arena
        self.learningRate = learningRate
        (self.beta1, self.beta2, self.epsilon) = (beta1, beta2, epsilon)
        firstMoments = Tensor(shape: [arena.count])
        secondMoments = Tensor(shape: [arena.count])
        momentsAreZero = Array(repeating: true, count: arena.parameters.count)
        skippedLastStep = Array(repeating: false, count: arena.parameters.count)
    }

    /// Adam over `parameters`, which it gathers into an arena of their own.
    public convenience init(
        _ parameters: [Parameter], learningRate: Double = 1e-3,
        beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8
    ) {
        self.init(
            arena: ParameterArena(parameters), learningRate: learningRate,
            beta1: beta1, beta2: beta2, epsilon: epsilon)
    }

    public var parameters: [Parameter] { arena.parameters }

    /// What the optimiser remembers between steps (PyTorch's `state_dict()` less the hyperparameters):
    /// the steps taken and both moments, [N] each in the arena's order.
    public var state: (step: Int, firstMoments: Tensor, secondMoments: Tensor) {
        (step, firstMoments, secondMoments)
    }

    /// Puts back a saved `state`: the step count and both moments as raw bytes of [N] floats.
    func restore(step: Int, firstMoments first: Data, secondMoments second: Data) {
        self.step = step
        firstMoments.setBytes(first)
        secondMoments.setBytes(second)
        momentsAreZero = zeroMoments(firstMoments, secondMoments)
    }

    /// Sets every gradient to zero, before the next backward pass.
    public func zeroGradients() { arena.gradients.zero() }

    /// One update of every parameter from its accumulated gradient.
    public func update() {
        update(consuming: nil, shares: sharesToUpdate(untouched: nil))
    }

    /// One update from the arena's gradients plus `extraGradients` ([N], a second worker's), summed in
    /// the update's own pass; both are left zero, ready for the next batch's backward pass. One sweep
    /// over memory and one hand-off between the cores instead of three of each. A parameter marked in
    /// `untouched` (arena order) had no gradient written in either set and is passed over while its
    /// moments are zero, which changes no bit (`sharesToUpdate`). When the trainer's two halves have
    /// already run this step's update as they finished (`AdamDuringBackward.begin`), it only finishes.
    public func updateAndClear(adding extraGradients: Tensor, untouched: [Bool]? = nil) {
        precondition(extraGradients.count == arena.count, "Adam: \(extraGradients.count) extra gradients")
        if let updateRunning { return updateRunning.end() }  // begun and done inside the step's halves
        update(consuming: extraGradients.pointer, shares: sharesToUpdate(untouched: untouched))
    }

    /// Counts a step and returns its coefficients.
    func beginStep() -> AdamCoefficients {
        step += 1
        // PyTorch computes the bias corrections as Python floats (double precision).
        let correction1 = 1 - pow(beta1, Double(step))
        let correction2Root = (1 - pow(beta2, Double(step))).squareRoot()
        // Coefficients are rounded to Float from double precision, as PyTorch passes them to its kernels.
        return AdamCoefficients(
            oneMinusBeta1: Float(1 - beta1), oneMinusBeta2: Float(1 - beta2), beta2: Float(beta2),
            stepSize: Float(learningRate / correction1), rootCorrection: Float(correction2Root),
            epsilon: Float(epsilon))
    }

    /// Both moment buffers, [N] each.
    var moments: (first: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>) {
        (firstMoments.pointer, secondMoments.pointer)
    }

    private func update(consuming extraGradients: UnsafeMutablePointer<Float>?, shares: [[Range<Int>]]) {
        let coefficients = beginStep()
        let p = arena.values.pointer, g = arena.gradients.pointer
        let m = firstMoments.pointer, v = secondMoments.pointer
        Parallel.run(2, on: pair) { part in
            for range in shares[part] {
                let (p, g, m, v) = (
                    p + range.lowerBound, g + range.lowerBound, m + range.lowerBound, v + range.lowerBound
                )
                if let extra = extraGradients {
                    addStepAndClear(p, g, extra + range.lowerBound, m, v, count: range.count, coefficients)
                } else {
                    adamStep(p, g, m, v, count: range.count, coefficients)
                }
            }
        }
    }
}

/// One step's constants, as Float.
struct AdamCoefficients {
    let oneMinusBeta1: Float, oneMinusBeta2: Float, beta2: Float, stepSize: Float, rootCorrection: Float
    let epsilon: Float
}

/// The update of `count` elements.
/// p, g, m, v [count]
private func adamStep(
    _ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
    _ v: UnsafeMutablePointer<Float>, count: Int, _ c: AdamCoefficients
) {
    for i in 0..<count { adamElement(&p[i], g[i], &m[i], &v[i], c) }
}

/// The update from g + extra, element by element; g and extra become zero.
/// p, g, extra, m, v [count]
func addStepAndClear(
    _ p: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>, _ extra: UnsafeMutablePointer<Float>,
    _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>, count: Int, _ c: AdamCoefficients
) {
    for i in 0..<count {
        let gi = g[i] + extra[i]
        g[i] = 0
        extra[i] = 0
        adamElement(&p[i], gi, &m[i], &v[i], c)
    }
}

/// One parameter's update from its gradient `gi`, at step t: `stepSize` is lr / (1 - β1^t) and
/// `rootCorrection` sqrt(1 - β2^t).
@inline(__always)
private func adamElement(
    _ p: inout Float, _ gi: Float, _ m: inout Float, _ v: inout Float, _ c: AdamCoefficients
) {
    let (oneMinusBeta1, oneMinusBeta2, beta2, stepSize, rootCorrection, eps) =
        (c.oneMinusBeta1, c.oneMinusBeta2, c.beta2, c.stepSize, c.rootCorrection, c.epsilon)
    // snippet.adam
    // m_t = β1 m_(t-1) + (1 - β1) g_t, as PyTorch's lerp computes it: m + (1 - β1) (g - m)
    var mi = m + oneMinusBeta1 * (gi - m)
    // v_t = β2 v_(t-1) + (1 - β2) g_t^2
    var vi = v * beta2 + oneMinusBeta2 * gi * gi
    // θ_t = θ_(t-1) - lr / (1 - β1^t) * m_t / (sqrt(v_t) / sqrt(1 - β2^t) + ε)
    p += (-stepSize * mi) / (vi.squareRoot() / rootCorrection + eps)
    // snippet.end
    // The moments of a weight whose gradient stays zero (a ReLU that never fires) decay by 0.9 and
    // 0.999 a step into subnormal floats, where the processor's arithmetic is many times slower;
    // stored as zero instead, they change no weight (a step from them would be below 1e-30).
    if abs(mi) < .leastNormalMagnitude { mi = 0 }
    if vi < .leastNormalMagnitude { vi = 0 }
    m = mi
    v = vi
}

import SequenceNet
import Testing

/// Backward passes against central finite differences of L = sum(y * R) for a fixed random R (times
/// `scale`, for models whose gradients would otherwise all be tiny).
/// The central difference quotient is taken in double precision over float32 forwards with step 1e-2:
/// exact up to the float32 rounding of L for linear and piecewise-linear layers, and within a small
/// part of the tolerance for the curved ones (tanh, sigmoid), whose h^2 error is no larger than that
/// rounding at this step. A gradient must agree to 3e-4 plus 1% of its size, so one that is off by a
/// few percent fails, and so does a gradient above a few 1e-4 that comes out zero or of the wrong sign.
@Suite struct GradientCheckTests {
    /// Checks dL/dx and every parameter gradient of `layer` for input `x`.
    func check(
        _ layer: Layer, input x: Tensor, seed: UInt64 = 7, step: Float = 1e-2, scale: Float = 1,
        _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let random = RandomSource(seed: seed)
        let y = layer.forward(x, training: true)
        let r = Tensor.uniform(y.shape, bound: scale, random: random)
        func loss() -> Double {
            let out = layer.forward(x, training: true)
            return (0..<out.count).reduce(0.0) { $0 + Double(out[$1]) * Double(r[$1]) }
        }
        layer.parameters.forEach { $0.zeroGradient() }
        _ = layer.forward(x, training: true)
        let dx = layer.backward(r).clone()
        func numeric(_ t: Tensor, _ i: Int) -> Double {
            let saved = t[i]
            t[i] = saved + step; let plus = loss()
            t[i] = saved - step; let minus = loss()
            t[i] = saved
            // Over the steps actually taken: saved +- step, rounded to float32.
            return (plus - minus) / (Double(saved + step) - Double(saved - step))
        }
        var targets: [(String, Tensor, Tensor)] = [("input", x, dx)]
        targets += layer.parameters.map { ($0.name, $0.value, $0.gradient) }
        for (name, values, analytic) in targets {
            for i in 0..<values.count {
                let expected = numeric(values, i)
                let got = Double(analytic[i])
                #expect(
                    abs(got - expected) <= 3e-4 + 1e-2 * abs(expected),
                    "\(what) d/d\(name)[\(i)]: backward \(got), finite difference \(expected)",
                    sourceLocation: sourceLocation)
            }
        }
    }

    func randomTensor(_ shape: [Int], seed: UInt64) -> Tensor {
        Tensor.uniform(shape, bound: 2, random: RandomSource(seed: seed))
    }

    @Test func linear() {
        check(
            Linear(5, 3, random: RandomSource(seed: 1)), input: randomTensor([4, 5], seed: 2), "Linear(5, 3)")
        check(
            Linear(1, 1, random: RandomSource(seed: 3)), input: randomTensor([2, 1], seed: 4), "Linear(1, 1)")
    }

    @Test(arguments: [
        (1, 4, 3, Padding.zeros(0)), (1, 4, 3, .zeros(1)), (2, 3, 3, .same),
        (3, 2, 5, .zeros(0)), (2, 3, 5, .zeros(1)), (2, 2, 5, .same), (2, 3, 4, .same), (1, 2, 3, .zeros(2)),
    ])
    func conv1d(inChannels: Int, outChannels: Int, kernel: Int, padding: Padding) {
        let layer = Conv1d(
            inChannels, outChannels, kernelSize: kernel, padding: padding, random: RandomSource(seed: 5))
        check(
            layer, input: randomTensor([3, inChannels, 9], seed: 6),
            "Conv1d(\(inChannels), \(outChannels), k\(kernel), \(padding))")
    }

    /// Inputs kept away from the kink at 0, where ReLU has no derivative.
    @Test func relu() {
        let x = randomTensor([3, 7], seed: 8)
        for i in 0..<x.count where abs(x[i]) < 0.1 { x[i] = x[i] < 0 ? -0.5 : 0.5 }
        check(ReLU(), input: x, "ReLU")
    }

    @Test func mseLoss() {
        let prediction = randomTensor([6, 1], seed: 9), target = randomTensor([6, 1], seed: 10)
        let mse = MSELoss()
        let analytic = mse(prediction, target).gradient.clone()
        for i in 0..<prediction.count {
            let saved = prediction[i]
            prediction[i] = saved + 1e-2; let plus = Double(mse(prediction, target).loss)
            prediction[i] = saved - 1e-2; let minus = Double(mse(prediction, target).loss)
            prediction[i] = saved
            let expected = (plus - minus) / 2e-2
            #expect(abs(Double(analytic[i]) - expected) <= 1e-3 * max(1, abs(expected)))
        }
    }

    /// A whole small model: gradients flow through Conv1d, ReLU, Flatten and Linear together.
    /// The step is smaller here: with 1e-2 some pre-activations cross ReLU's kink inside the step.
    @Test func convolutionalStack() {
        let random = RandomSource(seed: 11)
        let model = Sequential([
            Conv1d(1, 3, kernelSize: 3, padding: .zeros(1), random: random), ReLU(), Flatten(),
            Linear(3 * 6, 4, random: random),
        ])
        check(model, input: randomTensor([2, 1, 6], seed: 12), step: 1e-3, "Conv-ReLU-Flatten-Linear")
    }
}

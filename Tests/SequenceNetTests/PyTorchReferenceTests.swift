import SequenceNet
import Testing

/// Forward values, input gradients, parameter gradients and Adam steps against PyTorch.
/// Tolerance 2e-5 of the largest magnitude: float32 sums of up to a few hundred terms, added in a
/// different order by oneDNN and by PyTorch, differ by a few units in the last place.
@Suite struct PyTorchReferenceTests {
    let fixtures = ReferenceFixtures.shared

    @Test func linearMatchesPyTorch() {
        #expect(fixtures.linear.count >= 2)
        for c in fixtures.linear {
            let layer = Linear(c.in_features, c.out_features, random: RandomSource(seed: 1))
            load(layer.weight, c.weight)
            load(layer.bias, c.bias)
            let y = layer.forward(Tensor(shape: [c.batch, c.in_features], values: c.input), training: true)
            expectClose(y.values, c.output, "\(c.name) output")
            let dx = layer.backward(Tensor(shape: [c.batch, c.out_features], values: c.grad_output))
            expectClose(dx.values, c.grad_input, "\(c.name) grad input")
            expectClose(layer.weight.gradient.values, c.grad_weight, "\(c.name) grad weight")
            expectClose(layer.bias.gradient.values, c.grad_bias, "\(c.name) grad bias")
        }
    }

    @Test func conv1dMatchesPyTorch() {
        #expect(fixtures.conv1d.count >= 7)
        for c in fixtures.conv1d {
            let layer = Conv1d(
                c.in_channels, c.out_channels, kernelSize: c.kernel_size,
                padding: c.padding.padding, random: RandomSource(seed: 1))
            load(layer.weight, c.weight)
            load(layer.bias, c.bias)
            #expect(layer.outputLength(for: c.length) == c.output_length, "\(c.name) output length")
            let y = layer.forward(
                Tensor(shape: [c.batch, c.in_channels, c.length], values: c.input), training: true)
            #expect(y.shape == [c.batch, c.out_channels, c.output_length])
            expectClose(y.values, c.output, "\(c.name) output")
            let dx = layer.backward(Tensor(shape: y.shape, values: c.grad_output))
            expectClose(dx.values, c.grad_input, "\(c.name) grad input")
            expectClose(layer.weight.gradient.values, c.grad_weight, "\(c.name) grad weight")
            expectClose(layer.bias.gradient.values, c.grad_bias, "\(c.name) grad bias")
        }
    }

    @Test func reluMatchesPyTorch() {
        let c = fixtures.relu
        let layer = ReLU()
        let y = layer.forward(Tensor(shape: [c.input.count], values: c.input), training: true)
        #expect(y.values == c.output)
        #expect(
            layer.backward(Tensor(shape: [c.grad_output.count], values: c.grad_output)).values == c.grad_input
        )
    }

    @Test func mseMatchesPyTorch() {
        let c = fixtures.mse
        let (loss, gradient) = MSELoss()(
            Tensor(shape: [c.prediction.count], values: c.prediction),
            Tensor(shape: [c.target.count], values: c.target))
        expectClose([loss], [c.loss], "loss")
        expectClose(gradient.values, c.grad_prediction, "gradient")
    }

    /// Gradients of order 1 and of order 1e-8: at the second, the step depends on where eps is added.
    @Test(arguments: [false, true])
    func adamMatchesPyTorchOverThreeSteps(tinyGradients: Bool) {
        let c = tinyGradients ? fixtures.adam_tiny_gradients : fixtures.adam
        let parameter = Parameter(name: "p", value: Tensor(shape: [c.param.count], values: c.param))
        let adam = Adam([parameter], learningRate: c.lr, beta1: c.beta1, beta2: c.beta2, epsilon: c.eps)
        for (step, (gradient, expected)) in zip(c.grads, c.params_after).enumerated() {
            adam.zeroGradients()
            parameter.gradient.copy(from: Tensor(shape: [gradient.count], values: gradient))
            adam.update()
            expectClose(parameter.value.values, expected, tolerance: 1e-6, "after step \(step + 1)")
        }
    }

    /// The book's CNN with 8 filters instead of 128: the whole forward, loss, backward and one Adam step.
    @Test func miniCNNMatchesPyTorch() {
        let c = fixtures.mini_cnn
        let random = RandomSource(seed: 1)
        let conv = Conv1d(1, c.channels, kernelSize: 3, padding: .zeros(1), random: random)
        let fc1 = Linear(c.channels * c.features, 28, random: random)
        let fc2 = Linear(28, 10, random: random)
        let fc3 = Linear(10, 1, random: random)
        let model = Sequential([conv, ReLU(), Flatten(), fc1, ReLU(), fc2, ReLU(), fc3])
        let named: [(String, Parameter)] = [
            ("conv.weight", conv.weight), ("conv.bias", conv.bias), ("fc1.weight", fc1.weight),
            ("fc1.bias", fc1.bias),
            ("fc2.weight", fc2.weight), ("fc2.bias", fc2.bias), ("fc3.weight", fc3.weight),
            ("fc3.bias", fc3.bias),
        ]
        for (name, parameter) in named { load(parameter, c.params[name]!) }

        let output = model.forward(Tensor(shape: [c.batch, 1, c.features], values: c.input), training: true)
        expectClose(output.values, c.output, "output")
        let (loss, gradient) = MSELoss()(output, Tensor(shape: [c.batch, 1], values: c.target))
        expectClose([loss], [c.loss], "loss")
        _ = model.backward(gradient)
        for (name, parameter) in named {
            expectClose(parameter.gradient.values, c.grads[name]!, "grad \(name)")
        }

        let adam = Adam(model.parameters, learningRate: c.adam_lr)
        adam.update()
        for (name, parameter) in named {
            expectClose(
                parameter.value.values, c.params_after_adam_step[name]!, tolerance: 1e-6, "\(name) after Adam"
            )
        }
    }
}

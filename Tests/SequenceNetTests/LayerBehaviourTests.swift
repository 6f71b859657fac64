import SequenceNet
import Testing

@Suite struct LayerBehaviourTests {
    @Test func dropoutPassesThroughInEvaluation() {
        let dropout = Dropout(0.3, random: RandomSource(seed: 1))
        let x = Tensor.uniform([1000], bound: 1, random: RandomSource(seed: 2))
        #expect(dropout.forward(x, training: false).values == x.values)
    }

    @Test func dropoutZeroesAboutPAndScalesSurvivors() {
        let dropout = Dropout(0.3, random: RandomSource(seed: 1))
        let x = Tensor(shape: [10_000], values: [Float](repeating: 1, count: 10_000))
        let y = dropout.forward(x, training: true).values
        let zeros = y.filter { $0 == 0 }.count
        #expect(abs(Double(zeros) / 10_000 - 0.3) < 0.02)
        #expect(y.filter { $0 != 0 }.allSatisfy { abs($0 - 1 / 0.7) < 1e-6 })
        // The backward pass uses the same mask, scaling too: with x all ones, dx = dy * y exactly.
        let dx = dropout.backward(Tensor(shape: [10_000], values: [Float](repeating: 2, count: 10_000)))
            .values
        #expect(zip(y, dx).allSatisfy { $1 == 2 * $0 })
    }

    @Test func sameSeedSameInitialisation() {
        let a = Linear(10, 5, random: RandomSource(seed: 42)),
            b = Linear(10, 5, random: RandomSource(seed: 42))
        #expect(a.weight.value.values == b.weight.value.values)
        #expect(Linear(10, 5, random: RandomSource(seed: 43)).weight.value.values != a.weight.value.values)
    }

    /// PyTorch's default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = in * K for Conv1d.
    @Test func initialisationBounds() {
        let conv = Conv1d(4, 64, kernelSize: 5, random: RandomSource(seed: 3))
        let bound = 1 / Float(20).squareRoot()
        let weights = conv.weight.value.values
        #expect(weights.allSatisfy { abs($0) <= bound })
        #expect(weights.map(abs).max()! > 0.9 * bound)
        #expect(abs(weights.reduce(0, +) / Float(weights.count)) < 0.02)
    }

    @Test func parameterCountsMatchPyTorch() {
        let random = RandomSource(seed: 0)
        // The book's CNN: 128*3+128 + 3712*28+28 + 28*10+10 + 10+1 = 104,777 (PyTorch's numel sum).
        let model = Sequential([
            Conv1d(1, 128, kernelSize: 3, padding: .zeros(1), random: random), ReLU(), Flatten(),
            Linear(128 * 29, 28, random: random), ReLU(), Linear(28, 10, random: random), ReLU(),
            Linear(10, 1, random: random),
        ])
        #expect(model.parameterCount == 104_777)
        #expect(
            model.namedParameters.map(\.name) == [
                "0.weight", "0.bias", "3.weight", "3.bias", "5.weight",
                "5.bias", "7.weight", "7.bias",
            ])
    }

    /// A training step allocates nothing once the largest batch has been seen: the layers' buffers
    /// stay where they are for the same or a smaller batch.
    @Test func buffersAreReusedAcrossBatches() {
        let random = RandomSource(seed: 4)
        let layers: [Layer] = [
            Conv1d(1, 4, kernelSize: 3, padding: .zeros(1), random: random), ReLU(), Flatten(),
            Linear(4 * 8, 2, random: random),
        ]
        let model = Sequential(layers)
        func step(batch: Int) -> [UnsafeMutablePointer<Float>] {
            let x = Tensor.uniform([batch, 1, 8], bound: 1, random: random)
            let y = model.forward(x, training: true)
            let dx = model.backward(y)
            return [y.pointer, dx.pointer] + model.parameters.map(\.gradient.pointer)
        }
        let first = step(batch: 16)
        #expect(step(batch: 16) == first)
        #expect(step(batch: 5) == first)
    }

    @Test func tensorResizeKeepsCapacity() {
        let t = Tensor(shape: [4, 8])
        let pointer = t.pointer
        t.resize([2, 8]); t.resize([32])
        #expect(t.pointer == pointer && t.count == 32)
        t.resize([64])
        #expect(t.count == 64 && t.capacity == 64)
    }
}

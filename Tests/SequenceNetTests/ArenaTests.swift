import Foundation
@testable import SequenceNet
import Testing

/// The flat parameter arena, and the trainer's two workers that share its values.
@Suite struct ArenaTests {
    func model(_ random: RandomSource) -> Sequential {
        Sequential([Linear(3, 5, random: random), ReLU(), Linear(5, 1, random: random)])
    }

    @Test func parametersBecomeViewsOfOneBufferInOrder() {
        let net = model(RandomSource(seed: 1))
        let before = net.parameters.map(\.value.values)
        let arena = ParameterArena(net.parameters)
        #expect(arena.count == net.parameterCount)
        #expect(net.parameters.map(\.value.values) == before)
        #expect(arena.values.values == before.flatMap { $0 })
        // A write through the arena is a write to the parameter, and the other way round.
        arena.values[0] = 42
        #expect(net.parameters[0].value[0] == 42)
        net.parameters[3].gradient[0] = 7
        #expect(arena.gradients[15 + 5 + 5] == 7)
    }

    @Test func sharedValuesOwnGradients() {
        let (first, second) = (model(RandomSource(seed: 1)), model(RandomSource(seed: 2)))
        let arena = ParameterArena(first.parameters)
        let secondGradients = arena.shareValues(with: second.parameters)
        #expect(second.parameters.map(\.value.values) == first.parameters.map(\.value.values))
        arena.values[4] = -3
        #expect(second.parameters[0].value[4] == -3)
        second.parameters[1].gradient[2] = 5
        #expect(secondGradients[15 + 2] == 5 && arena.gradients[15 + 2] == 0)
    }

    /// One trainer step on a batch cut in two halves, one per worker, is one step on the whole batch:
    /// the same forward, backward and Adam step. A second worker whose weights stopped being the
    /// arena's would compute its half's gradient at other weights and fail this.
    @Test(arguments: [true, false])
    func twoWorkerStepsEqualWholeBatchSteps(concurrent: Bool) throws {
        let random = RandomSource(seed: 3)
        var features = [Float](), targets = [Float]()
        for _ in 0..<10 {
            let (a, b, c) = (random.uniform(-1, 1), random.uniform(-1, 1), random.uniform(-1, 1))
            features += [a, b, c]
            targets.append(a - 2 * b * c)
        }
        let data = Dataset(features: features, targets: targets, exampleShape: [3])
        let trainer = Trainer(learningRate: 0.05, random: RandomSource(seed: 9), model: model)
        trainer.concurrent = concurrent
        // One batch of all ten examples per epoch: two epochs, two steps.
        _ = try trainer.fit(train: data, validation: data, options: TrainingOptions(epochs: 2, batchSize: 10))

        let whole = model(RandomSource(seed: 9))
        let adam = Adam(whole.parameters, learningRate: 0.05)
        let x = Tensor(shape: [10, 3], values: features), t = Tensor(shape: [10, 1], values: targets)
        for _ in 0..<2 {
            adam.zeroGradients()
            let (_, gradient) = MSELoss()(whole.forward(x, training: true), t)
            _ = whole.backward(gradient)
            adam.update()
        }
        let got = trainer.arena.values.values, expected = adam.arena.values.values
        #expect(got.count == expected.count)
        for (index, (a, b)) in zip(got, expected).enumerated() {
            #expect(abs(a - b) <= 1e-5 * max(1, abs(b)), "value \(index): two workers \(a), whole batch \(b)")
        }
        #expect(
            got != model(RandomSource(seed: 9)).parameters.flatMap(\.value.values),
            "the steps changed nothing")
    }

    /// The trainer's fused step, the second worker's gradients added inside Adam's pass, is Adam's
    /// plain update on the sum, bit for bit, and leaves both sets of gradients at zero.
    @Test func updateAndClearIsTheUpdateOfTheSumAndZeroesBoth() {
        let (fused, plain) = (model(RandomSource(seed: 5)), model(RandomSource(seed: 5)))
        let fusedAdam = Adam(fused.parameters, learningRate: 0.01)
        let plainAdam = Adam(plain.parameters, learningRate: 0.01)
        let extra = Tensor(shape: [fusedAdam.arena.count])
        let random = RandomSource(seed: 6)
        for _ in 0..<3 {
            for i in 0..<extra.count {
                let (a, b) = (random.uniform(-1, 1), random.uniform(-1, 1))
                fusedAdam.arena.gradients[i] = a
                extra[i] = b
                plainAdam.arena.gradients[i] = a + b
            }
            fusedAdam.updateAndClear(adding: extra)
            plainAdam.update()
            #expect(fusedAdam.arena.values.values == plainAdam.arena.values.values)
            #expect(fusedAdam.arena.gradients.values.allSatisfy { $0 == 0 })
            #expect(extra.values.allSatisfy { $0 == 0 })
        }
    }

    /// Gradients a backward pass left on the model before `fit` do not leak into its first step.
    @Test func fitStartsFromZeroGradients() throws {
        let data = Dataset(
            features: (0..<24).map { Float($0) / 24 }, targets: (0..<8).map { Float($0) / 8 },
            exampleShape: [3])
        func trainer() -> Trainer { Trainer(learningRate: 0.01, random: RandomSource(seed: 4), model: model) }
        let (clean, stale) = (trainer(), trainer())
        let x = Tensor(shape: [8, 3], values: data.features)
        _ = stale.model.forward(x, training: true)
        _ = stale.model.backward(Tensor(shape: [8, 1], values: [Float](repeating: 1, count: 8)))
        #expect(stale.arena.gradients.values.contains { $0 != 0 })
        let options = TrainingOptions(epochs: 1, batchSize: 8)
        _ = try clean.fit(train: data, validation: data, options: options)
        _ = try stale.fit(train: data, validation: data, options: options)
        #expect(clean.arena.values.values == stale.arena.values.values)
    }

    /// A checkpoint's blobs are read without assuming alignment: Data from a file or a slice of a larger
    /// buffer may start at any byte. (On x86 an unaligned load happens to work too, so this checks the
    /// restore path with such blobs rather than telling an aligned read from an unaligned one.)
    @Test func checkpointBlobsAtOddAddressesRestore() throws {
        let data = Dataset(
            features: (0..<24).map { Float($0) / 24 }, targets: (0..<8).map { Float($0) / 8 },
            exampleShape: [3])
        func trainer() -> Trainer { Trainer(learningRate: 0.01, random: RandomSource(seed: 4), model: model) }
        let first = trainer()
        _ = try first.fit(train: data, validation: data, options: TrainingOptions(epochs: 2, batchSize: 4))
        var checkpoint = first.checkpoint(fingerprint: "test")
        func oddlyPlaced(_ blob: Data) -> Data { (Data([0]) + blob).dropFirst() }
        checkpoint.parameters = oddlyPlaced(checkpoint.parameters)
        checkpoint.firstMoments = oddlyPlaced(checkpoint.firstMoments)
        checkpoint.secondMoments = oddlyPlaced(checkpoint.secondMoments)
        checkpoint.order = oddlyPlaced(checkpoint.order)
        let resumed = trainer()
        _ = try resumed.fit(
            train: data, validation: data, options: TrainingOptions(epochs: 2, batchSize: 4),
            resumingFrom: checkpoint)
        #expect(resumed.arena.values.values == first.arena.values.values)
        #expect(resumed.run.order == first.run.order)
    }

    /// The second worker's dropout draws start where a fresh source seeded from the run's source would:
    /// building its copy of the model draws weights that are thrown away, and the source is rewound.
    @Test func secondWorkersRandomSourceStartsFresh() {
        func gru(_ random: RandomSource) -> Sequential {
            Sequential([
                recurrentLayer(.gru, inputSize: 1, hiddenSize: 4, recurrentDropout: 0.2, random: random),
                LastTimeStep(), Dropout(0.2, random: random), Linear(4, 1, random: random),
            ])
        }
        let trainer = Trainer(learningRate: 0.01, random: RandomSource(seed: 6), model: gru)
        let replay = RandomSource(seed: 6)
        _ = gru(replay)
        let expected = RandomSource(seed: replay.next()).state
        let sources = trainer.randomSources
        #expect(sources.count == 2)
        #expect(sources[0].state == replay.state)
        #expect(sources[1].state == expected)
    }

    /// A checkpoint holds each parameter's shape: a model with as many values in other shapes is refused.
    @Test func checkpointOfOtherShapesWithTheSameSizeIsRefused() throws {
        let data = Dataset(
            features: (0..<24).map { Float($0) / 24 }, targets: (0..<8).map { Float($0) / 8 },
            exampleShape: [3])
        // 3*5+5 + 5+1 = 26 values; 3*4+4 + 4*2+2 = 26 values.
        let first = Trainer(learningRate: 0.01, random: RandomSource(seed: 4), model: model)
        _ = try first.fit(train: data, validation: data, options: TrainingOptions(epochs: 1, batchSize: 4))
        let other = Trainer(learningRate: 0.01, random: RandomSource(seed: 4)) { random in
            Sequential([Linear(3, 4, random: random), ReLU(), Linear(4, 2, random: random)])
        }
        #expect(other.arena.count == first.arena.count)
        #expect(throws: CheckpointError.self) {
            _ = try other.fit(
                train: data, validation: data, options: TrainingOptions(epochs: 2, batchSize: 4),
                resumingFrom: first.checkpoint(fingerprint: "test"))
        }
    }
}

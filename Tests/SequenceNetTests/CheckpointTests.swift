import Foundation
import SequenceNet
import Testing

/// A run stopped after some epochs and resumed from its checkpoint (through JSON, as on disk) ends with
/// the same losses and weights as a run that never stopped.
@Suite struct CheckpointTests {
    func data(_ count: Int, seed: UInt64) -> Dataset {
        let random = RandomSource(seed: seed)
        var features = [Float](), targets = [Float]()
        for _ in 0..<count {
            let (a, b, c) = (random.uniform(-1, 1), random.uniform(-1, 1), random.uniform(-1, 1))
            features += [a, b, c]
            targets.append(a * b - c)
        }
        return Dataset(features: features, targets: targets, exampleShape: [3, 1])
    }

    /// A small recurrent model with dropout and recurrent dropout: every random source a run has.
    func trainer(seed: UInt64, hidden: Int = 6) -> Trainer {
        Trainer(learningRate: 1e-2, random: RandomSource(seed: seed)) { random in
            Sequential([
                recurrentLayer(.gru, inputSize: 1, hiddenSize: hidden, recurrentDropout: 0.2, random: random),
                LastTimeStep(), Dropout(0.2, random: random), Linear(hidden, 1, random: random),
            ])
        }
    }

    func weights(_ trainer: Trainer) -> [[Float]] { trainer.model.parameters.map(\.value.values) }

    @Test(arguments: [false, true])
    func resumedRunEqualsUninterruptedRun(restoreBest: Bool) throws {
        let (train, validation) = (data(90, seed: 1), data(30, seed: 2))
        let options = TrainingOptions(epochs: 8, batchSize: 16, patience: 50, restoreBest: restoreBest)
        let whole = trainer(seed: 5)
        let expected = try whole.fit(train: train, validation: validation, options: options)

        let first = trainer(seed: 5)
        _ = try first.fit(train: train, validation: validation, options: options) {
            $0.epoch == 3 ? .stop : .proceed
        }
        let saved = try JSONEncoder().encode(first.checkpoint(fingerprint: "test"))
        let checkpoint = try JSONDecoder().decode(TrainingCheckpoint.self, from: saved)
        #expect(checkpoint.epoch == 3)

        // Another seed: everything that matters must come from the checkpoint.
        let resumed = trainer(seed: 77)
        let history = try resumed.fit(
            train: train, validation: validation, options: options, resumingFrom: checkpoint)
        #expect(history.trainLoss == expected.trainLoss)
        #expect(history.validationLoss == expected.validationLoss)
        #expect(history.bestEpoch == expected.bestEpoch)
        #expect(weights(resumed) == weights(whole))
        #expect(resumed.optimizer.step == whole.optimizer.step)
    }

    @Test func checkpointOfAnotherModelIsRefused() throws {
        let (train, validation) = (data(40, seed: 1), data(10, seed: 2))
        let options = TrainingOptions(epochs: 2, batchSize: 16)
        let small = trainer(seed: 5, hidden: 4)
        _ = try small.fit(train: train, validation: validation, options: options)
        #expect(throws: CheckpointError.self) {
            _ = try trainer(seed: 5).fit(
                train: train, validation: validation, options: options,
                resumingFrom: small.checkpoint(fingerprint: "test"))
        }
    }

    @Test func stopRequestAbandonsTheEpoch() throws {
        let (train, validation) = (data(90, seed: 1), data(30, seed: 2))
        let run = trainer(seed: 5)
        var batches = 0
        run.stopRequested = {
            batches += 1; return batches == 10
        }  // in the second epoch (6 batches each)
        #expect(throws: TrainingError.self) {
            _ = try run.fit(
                train: train, validation: validation, options: TrainingOptions(epochs: 4, batchSize: 16))
        }
        #expect(run.checkpoint(fingerprint: "test").epoch == 1)
    }
}

import SequenceNet
import Testing

@Suite struct TrainingTests {
    /// y = 2a - b + 0.5 on random inputs: a linear model learns it in a few epochs.
    func line(count: Int, seed: UInt64) -> Dataset {
        let random = RandomSource(seed: seed)
        var features = [Float](), targets = [Float]()
        for _ in 0..<count {
            let (a, b) = (random.uniform(-1, 1), random.uniform(-1, 1))
            features += [a, b]
            targets.append(2 * a - b + 0.5)
        }
        return Dataset(features: features, targets: targets, exampleShape: [2])
    }

    func train(seed: UInt64, options: TrainingOptions, concurrent: Bool = true) throws -> (
        TrainingHistory, Trainer
    ) {
        let trainer = Trainer(learningRate: 1e-2, random: RandomSource(seed: seed)) { random in
            Sequential([
                Linear(2, 8, random: random), ReLU(), Dropout(0.1, random: random),
                Linear(8, 1, random: random),
            ])
        }
        trainer.concurrent = concurrent
        let history = try trainer.fit(
            train: line(count: 200, seed: 1), validation: line(count: 50, seed: 2), options: options)
        return (history, trainer)
    }

    @Test func lossFalls() throws {
        let (history, _) = try train(seed: 3, options: TrainingOptions(epochs: 30, batchSize: 16))
        #expect(history.epochs == 30)
        #expect(history.validationLoss.last! < history.validationLoss.first! / 10)
    }

    @Test func sameSeedSameNumbers() throws {
        let options = TrainingOptions(epochs: 5, batchSize: 7)
        let (a, _) = try train(seed: 9, options: options), (b, _) = try train(seed: 9, options: options)
        #expect(a.trainLoss == b.trainLoss && a.validationLoss == b.validationLoss)
        let (c, _) = try train(seed: 10, options: options)
        #expect(c.trainLoss != a.trainLoss)
    }

    /// The halves of each batch run at once or in turn with the same numbers, so a run does not
    /// depend on the machine's core count.
    @Test func concurrentAndSequentialAgree() throws {
        let options = TrainingOptions(epochs: 4, batchSize: 9)
        let (a, ta) = try train(seed: 11, options: options, concurrent: true)
        let (b, tb) = try train(seed: 11, options: options, concurrent: false)
        #expect(a.trainLoss == b.trainLoss && a.validationLoss == b.validationLoss)
        #expect(ta.model.parameters.map(\.value.values) == tb.model.parameters.map(\.value.values))
    }

    /// Splitting a batch in two halves and adding their gradients gives the whole batch's gradient.
    @Test func halvesAddUpToTheWholeBatch() throws {
        let random = RandomSource(seed: 12)
        let model = Sequential([Linear(3, 4, random: random), ReLU(), Linear(4, 1, random: random)])
        let x = Tensor.uniform([6, 3], bound: 1, random: random),
            t = Tensor.uniform([6, 1], bound: 1, random: random)
        let (_, g) = MSELoss()(model.forward(x, training: true), t)
        _ = model.backward(g)
        let whole = model.parameters.map(\.gradient.values)
        model.parameters.forEach { $0.zeroGradient() }
        for rows in [0..<2, 2..<6] {
            let xs = Tensor(
                shape: [rows.count, 3], values: Array(x.values[(rows.lowerBound * 3)..<(rows.upperBound * 3)])
            )
            let ts = Tensor(shape: [rows.count, 1], values: Array(t.values[rows]))
            let (_, gs) = MSELoss()(model.forward(xs, training: true), ts, meanOver: 6)
            _ = model.backward(gs)
        }
        for (a, b) in zip(model.parameters.map(\.gradient.values), whole) {
            #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-6 })
        }
    }

    @Test func earlyStoppingRule() {
        var rule = EarlyStopping(patience: 3)
        let losses: [Float] = [5, 4, 4.5, 3, 3, 3.5, 3.1]
        let decisions = losses.map { rule.record($0) }
        #expect(decisions.map(\.improved) == [true, true, false, true, false, false, false])
        #expect(decisions.map(\.stop) == [false, false, false, false, false, false, true])
        #expect(rule.bestEpoch == 4 && rule.bestLoss == 3)
        var never = EarlyStopping(patience: nil)
        #expect((0..<50).allSatisfy { _ in !never.record(1).stop })
    }

    /// With restoreBest the model ends with the weights of its best epoch: evaluating it again gives
    /// exactly that epoch's validation loss.
    @Test func restoreBestKeepsTheBestWeights() throws {
        let options = TrainingOptions(epochs: 40, batchSize: 50, patience: 3, restoreBest: true)
        // A learning rate this large makes the validation loss bounce, so the last epoch is not the best.
        let trainer = Trainer(learningRate: 0.3, random: RandomSource(seed: 5)) { random in
            Sequential([Linear(2, 8, random: random), ReLU(), Linear(8, 1, random: random)])
        }
        let validation = line(count: 50, seed: 2)
        let history = try trainer.fit(
            train: line(count: 200, seed: 1), validation: validation, options: options)
        let best = history.validationLoss.min()!
        #expect(history.validationLoss[history.bestEpoch - 1] == best)
        #expect(trainer.evaluate(validation).loss == best)
        #expect(history.stoppedEarly == (history.epochs < 40))
    }

    @Test func divergenceIsReported() {
        let trainer = Trainer(learningRate: 1e-3, random: RandomSource(seed: 6)) {
            Sequential([Linear(2, 1, random: $0)])
        }
        trainer.model.parameters[0].value[0] = .nan
        #expect(throws: TrainingError.self) {
            _ = try trainer.fit(
                train: line(count: 20, seed: 1), validation: line(count: 5, seed: 2),
                options: TrainingOptions(epochs: 3, batchSize: 4))
        }
    }
}

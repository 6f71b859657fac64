import Foundation

/// Mini-batch training with MSE and Adam, as the book's `train_model` loops do: every epoch shuffles
/// the training examples, takes a step per batch, then measures the validation loss in order.
///
/// Losses are averaged over examples (each batch's mean loss weighted by its size), so an epoch's
/// validation loss is exactly the MSE over the whole validation set.
///
/// Data parallelism lives here. The trainer builds the model twice, once per worker: the workers
/// share one parameter arena's values and each has gradients of its own. Each batch is always cut
/// into two halves, one per worker; their gradients are added in a fixed order, in the optimiser's
/// own pass over the arena. On a machine with two cores the halves run at once; on one core they run
/// in turn, with the same numbers.
public final class Trainer {
    /// The model (the first worker's copy; its parameters are the arena's).
    public let model: Sequential
    public let optimizer: Adam
    private let random: RandomSource
    private let workers: [Worker]
    /// Each parameter of the first worker's copy with the same one of the second's, in the arena's
    /// order, and whether neither backward pass wrote its gradient (refilled every step).
    private let parameterPairs: [(first: Parameter, second: Parameter)]
    private var untouched: [Bool]
    /// Run the two halves of every batch at once (the default when the machine has more than one core).
    /// The numbers are the same either way.
    public var concurrent: Bool {
        didSet { usePair(concurrent) }
    }
    /// The calling thread and a partner of its own, while `concurrent` is set.
    private var pair: CorePair?
    /// Adam's update run by both cores as the step's backward passes finish, while `concurrent` is set.
    private var adamDuringBackward: AdamDuringBackward?
    /// The engine every worker's products run on (a benchmark sets one with a meter).
    public var products = ProductEngine() {
        didSet { for worker in workers { worker.model.products = products } }
    }
    /// Asked after every batch; true abandons the epoch in progress and ends `fit` with
    /// `TrainingError.interrupted` (the last finished epoch is what a checkpoint holds).
    public var stopRequested: () -> Bool = { false }
    /// Where the run stands; what a checkpoint saves (TrainingCheckpoint.swift).
    var run = RunState()

    struct RunState {
        var history = TrainingHistory()
        var stopping = EarlyStopping(patience: nil)
        /// The arena's values at the best epoch so far, kept when `restoreBest` or `keepBest` is set.
        var best: Tensor? = nil
        /// The training examples in the order of the last epoch; each epoch shuffles the last one's order.
        var order: [Int] = []
        /// Epochs finished.
        var epoch: Int { history.epochs }
    }

    /// One worker's copy of the model, its gradients and buffers.
    private final class Worker {
        let model: Sequential
        /// [N]: the gradients of the worker's copy, in the arena's order.
        let gradients: Tensor
        let criterion = MSELoss()
        let batcher = Batcher()
        var lossValue: Float = 0
        init(model: Sequential, gradients: Tensor) {
            self.model = model
            self.gradients = gradients
        }

        // snippet.step
        /// Forward, loss and backward of one training step on `x`, `y`: the examples this core takes of a
        /// batch of `batchSize` (the loss is divided by the whole batch's size).
        func learn(_ x: Tensor, _ y: Tensor, batchSize: Int) -> Float {
            // optimizer.zero_grad(): already done, the last optimizer step left the gradients zero
            let prediction = model.forward(x, training: true)  // model(x)
            let (loss, dLoss) = criterion(prediction, y, meanOver: batchSize)  // criterion(prediction, y)
            _ = model.backward(dLoss)  // loss.backward(): adds into this worker's gradients
            return loss
        }
        // snippet.end

        /// Worker `w`'s half of `batch` (worker 0 takes the first half, with the odd example) as input
        /// and target tensors; nil when that half is empty (a batch of one).
        func load(half w: Int, of batch: ArraySlice<Int>, from data: Dataset) -> (Tensor, Tensor)? {
            let firstHalf = (batch.count + 1) / 2
            let part = w == 0 ? batch.prefix(firstHalf) : batch.dropFirst(firstHalf)
            guard !part.isEmpty else { return nil }
            batcher.fill(from: data, indices: part)
            return (batcher.input, batcher.target)
        }
    }

    /// Builds the model with `build` once per worker, and Adam at `learningRate` over its arena.
    ///
    /// `build` draws the initial weights from the source it is given; the first worker's copy is built
    /// from `random` (so its weights follow from the seed), the second's from a source seeded from
    /// `random`, which is then rewound: that copy's own weights are discarded for the shared ones, and
    /// its dropout draws start where a fresh source would.
    public init(learningRate: Double, random: RandomSource, model build: (RandomSource) -> Sequential) {
        self.random = random
        model = build(random)
        let secondSource = RandomSource(seed: random.next()), fresh = secondSource.state
        let second = build(secondSource)
        secondSource.state = fresh
        // Two workers on one model would race and lose the first one's gradients.
        precondition(
            second !== model
                && Set(second.parameters.map(ObjectIdentifier.init)).isDisjoint(
                    with: model.parameters.map(ObjectIdentifier.init)),
            "the model builder must make a new model each call")
        // snippet.optimizer
        // torch.optim.Adam(model.parameters(), lr=...): every parameter in one flat arena, which both
        // workers' copies of the model share, each with gradients of its own.
        let arena = ParameterArena(model.parameters)
        workers = [
            Worker(model: model, gradients: arena.gradients),
            Worker(model: second, gradients: arena.shareValues(with: second.parameters)),
        ]
        optimizer = Adam(arena: arena, learningRate: learningRate)
        // snippet.end
        parameterPairs = Array(zip(model.parameters, second.parameters))
        untouched = Array(repeating: false, count: parameterPairs.count)
        // The models read data, whose gradient nobody uses: the first layers skip working it out.
        for copy in [model, second] { copy.computesInputGradient = false }
        concurrent = ProcessInfo.processInfo.activeProcessorCount > 1
        usePair(concurrent)
    }

    /// Makes or drops the second core's thread as `concurrent` says, and with it Adam's update inside
    /// the step's halves.
    private func usePair(_ concurrent: Bool) {
        if concurrent && pair == nil { pair = CorePair() }
        if !concurrent { pair = nil }
        optimizer.pair = pair
        let models = workers.map(\.model)
        adamDuringBackward =
            concurrent ? AdamDuringBackward(optimizer: optimizer, reportingFrom: models) : nil
        if !concurrent { AdamDuringBackward.stopReports(from: models) }
    }

    /// The parameters' values and gradients, as one flat buffer each.
    public var arena: ParameterArena { optimizer.arena }

    /// Trains, calling `onEpoch` after every epoch; it may stop the run early. Given a checkpoint, the
    /// run continues after its last epoch exactly as if it had never stopped.
    public func fit(
        train: Dataset, validation: Dataset, options: TrainingOptions,
        resumingFrom checkpoint: TrainingCheckpoint? = nil,
        onEpoch: (EpochRecord) throws -> TrainingControl = { _ in .proceed }
    ) throws -> TrainingHistory {
        run = RunState(stopping: EarlyStopping(patience: options.patience), order: Array(0..<train.count))
        if let checkpoint { try restore(checkpoint) }
        // Each step's update leaves the gradients zero for the next; a backward pass run on the model
        // outside `fit` may have left some behind.
        for worker in workers { worker.gradients.zero() }
        var epoch = run.epoch
        while epoch < options.epochs && !run.history.stoppedEarly {
            epoch += 1
            let start = DispatchTime.now().uptimeNanoseconds
            // snippet.epoch
            random.shuffle(&run.order)  // DataLoader(..., shuffle=True)
            var total: Double = 0
            for first in stride(from: 0, to: train.count, by: options.batchSize) {
                let batch = run.order[first..<min(first + options.batchSize, train.count)]
                let loss = try step(batch, from: train)
                total += Double(loss) * Double(batch.count)
            }
            let trainLoss = Float(total / Double(max(train.count, 1)))
            let validationLoss = evaluate(validation).loss
            // snippet.end
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard trainLoss.isFinite, validationLoss.isFinite else {
                throw TrainingError.diverged(
                    epoch: epoch, trainLoss: trainLoss, validationLoss: validationLoss)
            }
            let limit = TrainingError.lossLimit(
                firstEpoch: run.history.trainLoss.first, targets: train.targets)
            guard trainLoss <= limit else {
                throw TrainingError.exploded(epoch: epoch, trainLoss: trainLoss, limit: limit)
            }
            run.history.trainingSeconds += seconds
            run.history.trainLoss.append(trainLoss)
            run.history.validationLoss.append(validationLoss)
            let (improved, stop) = run.stopping.record(validationLoss)
            run.history.bestEpoch = run.stopping.bestEpoch
            if improved && (options.restoreBest || options.keepBest) { run.best = snapshot(into: run.best) }
            run.history.stoppedEarly = stop && epoch < options.epochs
            let control = try onEpoch(
                EpochRecord(
                    epoch: epoch, trainLoss: trainLoss,
                    validationLoss: validationLoss, seconds: seconds))
            if control == .stop { break }
        }
        if options.restoreBest, let best = run.best { restore(best) }
        return run.history
    }

    /// The source that shuffles the examples (the model's layers may share it).
    var shuffleSource: RandomSource { random }
    /// Every worker's copy of the model.
    var workerModels: [Sequential] { workers.map(\.model) }

    // snippet.two-halves
    /// One optimiser step on one batch; returns its mean loss. Each worker takes half the batch into
    /// gradients of its own (zero here: the last update cleared them), and Adam adds the two. Stops
    /// the run, after the update, when `stopRequested` says so.
    private func step(_ batch: ArraySlice<Int>, from data: Dataset) throws -> Float {
        // On two cores, Adam's update begins inside the halves.
        let adam = pair == nil ? nil : adamDuringBackward
        adam?.begin(adding: workers[1].gradients)
        Parallel.run(workers.count, on: pair) { w in
            let worker = workers[w]
            worker.lossValue = 0
            if let (x, y) = worker.load(half: w, of: batch, from: data) {
                worker.lossValue = worker.learn(x, y, batchSize: batch.count)
            }
            adam?.work(as: w)  // the pieces of Adam's pass whose layers both halves have left
        }
        // snippet.end
        // snippet.adam-step
        // optimizer.step(), then optimizer.zero_grad(): worker 0's gradients are the arena's own;
        // Adam adds worker 1's to them, updates every weight, and leaves both sets at zero (on two
        // cores the halves above have done that already, and this call only finishes).
        optimizer.updateAndClear(adding: workers[1].gradients, untouched: untouchedGradients())
        // snippet.end
        if stopRequested() { throw TrainingError.interrupted(epoch: run.epoch + 1) }
        return workers.reduce(0) { $0 + $1.lossValue }
    }

    /// Per parameter, in the arena's order: whether neither worker's backward pass wrote its gradient.
    private func untouchedGradients() -> [Bool] {
        for (index, pair) in parameterPairs.enumerated() {
            untouched[index] = pair.first.gradientUntouched && pair.second.gradientUntouched
        }
        return untouched
    }

    /// Examples per forward pass when evaluating. Without dropout or batch statistics the batch size
    /// does not change a prediction; 128 rows keep a pass's activations within the processor's caches.
    public static let evaluationBatchSize = 128

    /// The model's predictions for every example, in order, and their mean squared error.
    public func evaluate(_ data: Dataset, batchSize: Int = Trainer.evaluationBatchSize) -> (
        loss: Float, predictions: [Float]
    ) {
        let chunks = stride(from: 0, to: data.count, by: batchSize).map {
            $0..<min($0 + batchSize, data.count)
        }
        var predictions = [Float](repeating: 0, count: data.count)
        var chunkLoss = [Double](repeating: 0, count: chunks.count)
        predictions.withUnsafeMutableBufferPointer { out in
            chunkLoss.withUnsafeMutableBufferPointer { losses in
                // Worker w takes chunks w, w + 2, ...; each writes only its own chunks' slots.
                Parallel.run(workers.count, on: pair) { w in
                    let worker = workers[w]
                    for c in stride(from: w, to: chunks.count, by: workers.count) {
                        worker.batcher.fill(from: data, indices: ArraySlice(chunks[c]))
                        let prediction = worker.model.forward(worker.batcher.input, training: false)
                        losses[c] =
                            Double(worker.criterion(prediction, worker.batcher.target).loss)
                            * Double(chunks[c].count)
                        (out.baseAddress! + chunks[c].lowerBound).update(
                            from: prediction.pointer, count: prediction.count)
                    }
                }
            }
        }
        return (Float(chunkLoss.reduce(0, +) / Double(max(data.count, 1))), predictions)
    }
    /// The predictions and loss of the best epoch's weights, which stay the model's only for the call;
    /// nil when they were not kept (a run resumed from a checkpoint without them and not improved since).
    public func evaluateBest(_ data: Dataset) -> (loss: Float, predictions: [Float])? {
        guard let best = run.best else {
            let lastIsBest = run.history.epochs > 0 && run.history.bestEpoch == run.history.epochs
            return lastIsBest ? evaluate(data) : nil
        }
        let current = arena.values.clone()
        restore(best)
        defer { restore(current) }
        return evaluate(data)
    }

    private func snapshot(into saved: Tensor?) -> Tensor {
        guard let saved else { return arena.values.clone() }
        saved.copy(from: arena.values)
        return saved
    }

    private func restore(_ saved: Tensor) { arena.values.copy(from: saved) }
}

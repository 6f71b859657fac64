import Dispatch
import Foundation
import SequenceNet
import Synchronization
import WorkbookData

/// Trains configurations of the search with the chapter's early stopping, several at once.
public final class SearchRunner: Sendable {
    /// The chapter's limits: at most 100 epochs, stop after 10 without a lower validation loss, and
    /// measure the weights of the best epoch.
    public static let maxEpochs = 100, patience = 10, batchSize = 32

    public let data: BookSplit
    public let seed: UInt64
    /// Most epochs per configuration.
    public let maxEpochs: Int
    /// The engine every configuration's products run on (one with a meter records their shapes).
    public let products: ProductEngine

    public init(
        data: BookSplit, seed: UInt64, maxEpochs: Int = SearchRunner.maxEpochs,
        products: ProductEngine = ProductEngine()
    ) {
        self.data = data
        self.seed = seed
        self.maxEpochs = maxEpochs
        self.products = products
    }

    /// Each configuration's own seed, from the run's seed and its index in the book's space.
    public func seed(for configuration: SearchConfiguration) -> UInt64 {
        seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(configuration.index + 1)
    }

    /// Trains one configuration on its own, as a worker of `run` does; returns its result and the best
    /// weights' validation predictions.
    public func trainAlone(_ configuration: SearchConfiguration) throws -> (
        result: SearchResult, predictions: [Float]
    ) {
        try train(configuration)
    }

    private func train(_ configuration: SearchConfiguration) throws -> (
        result: SearchResult, predictions: [Float]
    ) {
        let started = Date()
        // snippet.train-configuration
        let random = RandomSource(seed: seed(for: configuration))
        let trainer = Trainer(learningRate: configuration.learningRate, random: random) { random in
            configuration.model(features: data.train.exampleSize, random: random)
        }
        trainer.concurrent = false  // the parallelism is across configurations
        trainer.products = products
        let history = try trainer.fit(
            train: data.train, validation: data.validation,
            options: TrainingOptions(
                epochs: maxEpochs, batchSize: Self.batchSize, patience: Self.patience, restoreBest: true))
        let (loss, predictions) = trainer.evaluate(data.validation)
        // snippet.end
        let result = SearchResult(
            index: configuration.index, epochs: history.epochs, bestEpoch: history.bestEpoch,
            validationLoss: Double(loss),
            validationMAE: meanAbsoluteError(predictions, data.validation.targets),
            seconds: Date().timeIntervalSince(started))
        return (result, predictions)
    }

    /// Trains every configuration, `workers` at a time; `finished` is called (one call at a time) as
    /// each completes, and an error it throws stops the run. Returns the results in the order they finished.
    public func run(
        _ configurations: [SearchConfiguration], workers: Int,
        finished: @escaping @Sendable (SearchResult) throws -> Void
    ) throws -> [SearchResult] {
        let queue = WorkQueue<SearchResult>(count: configurations.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, configurations.count))) { _ in
            while let position = queue.take() {
                do {
                    let result = try train(configurations[position]).result
                    try queue.finish(result, finished)
                } catch {
                    queue.fail(error)
                }
            }
        }
        return try queue.outcome()
    }
}

/// The shared state of a run's workers: which job is next, what finished, the first error.
final class WorkQueue<Result: Sendable>: Sendable {
    private struct State {
        var next = 0
        var results: [Result] = []
        var failure: Error?
    }
    private let state = Mutex(State())
    private let count: Int

    init(count: Int) { self.count = count }

    /// The next position to train, or nil when all are taken or a worker failed.
    func take() -> Int? {
        state.withLock { state in
            guard state.failure == nil, state.next < count else { return nil }
            state.next += 1
            return state.next - 1
        }
    }

    /// Hands `result` to `finished` under the lock, so that its calls come one at a time.
    func finish(_ result: Result, _ finished: (Result) throws -> Void) throws {
        try state.withLock { state in
            try finished(result)
            state.results.append(result)
        }
    }

    func fail(_ error: Error) { state.withLock { $0.failure = $0.failure ?? error } }

    /// The results in the order they finished, or the first error.
    func outcome() throws -> [Result] {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            return state.results
        }
    }
}

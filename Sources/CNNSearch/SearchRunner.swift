import Dispatch
import Foundation
import SequenceNet
import Workbook

/// Trains configurations of the search with the chapter's early stopping, several at once.
public final class SearchRunner: @unchecked Sendable {
    /// The chapter's limits: at most 100 epochs, stop after 10 without a lower validation loss, and
    /// measure the weights of the best epoch.
    public static let maxEpochs = 100, patience = 10, batchSize = 32

    public let data: BookSplit
    public let seed: UInt64
    public var maxEpochs = SearchRunner.maxEpochs

    public init(data: BookSplit, seed: UInt64) {
        self.data = data
        self.seed = seed
    }

    /// Each configuration's own seed, from the run's seed and its index in the book's space.
    public func seed(for configuration: SearchConfiguration) -> UInt64 {
        seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(configuration.index + 1)
    }

    /// Trains one configuration on its own, as a worker of `run` does; returns its result and the best
    /// weights' validation predictions.
    public func trainAlone(_ configuration: SearchConfiguration) throws -> (result: SearchResult, predictions: [Float]) {
        try train(configuration)
    }

    private func train(_ configuration: SearchConfiguration) throws -> (result: SearchResult, predictions: [Float]) {
        let started = Date()
        let random = RandomSource(seed: seed(for: configuration))
        let trainer = Trainer(learningRate: configuration.learningRate, random: random) { random in
            configuration.model(features: data.train.exampleSize, random: random)
        }
        trainer.concurrent = false  // the parallelism is across configurations
        let history = try trainer.fit(train: data.train, validation: data.validation, options: TrainingOptions(
            epochs: maxEpochs, batchSize: Self.batchSize, patience: Self.patience, restoreBest: true))
        let (loss, predictions) = trainer.evaluate(data.validation)
        let result = SearchResult(index: configuration.index, epochs: history.epochs, bestEpoch: history.bestEpoch,
                                  validationLoss: Double(loss),
                                  validationMAE: meanAbsoluteError(predictions, data.validation.targets),
                                  seconds: Date().timeIntervalSince(started))
        return (result, predictions)
    }

    /// Trains every configuration, `workers` at a time; `finished` is called (one call at a time) as
    /// each completes, and an error it throws stops the run. Returns the results in the order they finished.
    public func run(_ configurations: [SearchConfiguration], workers: Int,
                    finished: @escaping @Sendable (SearchResult) throws -> Void) throws -> [SearchResult] {
        let queue = WorkQueue(count: configurations.count)
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
        if let failure = queue.failure { throw failure }
        return queue.results
    }
}

/// The shared state of a run's workers: which configuration is next, what finished, the first error.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var next = 0
    private(set) var results: [SearchResult] = []
    private(set) var failure: Error?

    init(count: Int) { self.count = count }

    /// The next position to train, or nil when all are taken or a worker failed.
    func take() -> Int? {
        lock.withLock {
            guard failure == nil, next < count else { return nil }
            next += 1
            return next - 1
        }
    }

    func finish(_ result: SearchResult, _ finished: (SearchResult) throws -> Void) throws {
        try lock.withLock {
            try finished(result)
            results.append(result)
        }
    }

    func fail(_ error: Error) { lock.withLock { failure = failure ?? error } }
}

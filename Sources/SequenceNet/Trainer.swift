import Foundation

/// How long and how to train.
public struct TrainingOptions: Sendable {
    public var epochs: Int
    public var batchSize: Int
    /// Stop after this many epochs without a lower validation loss; nil trains every epoch.
    public var patience: Int?
    /// Finish with the weights of the epoch with the lowest validation loss (the book's early stopping
    /// keeps a deep copy of that model); otherwise keep the last epoch's weights.
    public var restoreBest: Bool

    public init(epochs: Int, batchSize: Int, patience: Int? = nil, restoreBest: Bool = false) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.patience = patience
        self.restoreBest = restoreBest
    }
}

/// What one epoch did.
public struct EpochRecord: Sendable {
    /// Counted from 1.
    public let epoch: Int
    public let trainLoss: Float
    public let validationLoss: Float
    /// Wall time of this epoch's training and validation passes.
    public let seconds: Double
}

/// Whether training goes on after an epoch.
public enum TrainingControl: Sendable { case proceed, stop }

/// The record of a whole run.
public struct TrainingHistory: Sendable {
    public var trainLoss: [Float] = []
    public var validationLoss: [Float] = []
    /// The epoch (from 1) with the lowest validation loss.
    public var bestEpoch = 0
    public var stoppedEarly = false
    /// Seconds spent in training and validation passes, nothing else.
    public var trainingSeconds = 0.0
    public var epochs: Int { trainLoss.count }

    public init() {}
}

public enum TrainingError: Error, CustomStringConvertible {
    case diverged(epoch: Int, trainLoss: Float, validationLoss: Float)

    public var description: String {
        switch self {
        case let .diverged(epoch, train, validation):
            return "training diverged at epoch \(epoch) (training loss \(train), validation loss \(validation)); "
                + "try a smaller learning rate"
        }
    }
}

/// Mini-batch training with MSE and Adam, as the book's `train_model` loops do: every epoch shuffles
/// the training examples, takes a step per batch, then measures the validation loss in order.
///
/// Losses are averaged over examples (each batch's mean loss weighted by its size), so an epoch's
/// validation loss is exactly the MSE over the whole validation set.
public final class Trainer {
    public let model: Sequential
    public let optimizer: Adam
    private let random: RandomSource
    private let loss = MSELoss()
    private let batcher = Batcher()

    public init(model: Sequential, optimizer: Adam, random: RandomSource) {
        self.model = model
        self.optimizer = optimizer
        self.random = random
    }

    /// Trains, calling `onEpoch` after every epoch; it may stop the run early.
    public func fit(train: Dataset, validation: Dataset, options: TrainingOptions,
                    onEpoch: (EpochRecord) -> TrainingControl = { _ in .proceed }) throws -> TrainingHistory {
        var history = TrainingHistory()
        var order = Array(0..<train.count)
        var best: [Tensor]? = nil
        var stopping = EarlyStopping(patience: options.patience)
        for epoch in stride(from: 1, through: options.epochs, by: 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            random.shuffle(&order)
            var total: Double = 0
            for first in stride(from: 0, to: order.count, by: options.batchSize) {
                let indices = order[first..<min(first + options.batchSize, order.count)]
                batcher.fill(from: train, indices: indices)
                optimizer.zeroGradients()
                let prediction = model.forward(batcher.input, training: true)
                let (value, gradient) = loss(prediction, batcher.target)
                _ = model.backward(gradient)
                optimizer.update()
                total += Double(value) * Double(indices.count)
            }
            let trainLoss = Float(total / Double(max(train.count, 1)))
            let validationLoss = evaluate(validation, batchSize: options.batchSize).loss
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            history.trainingSeconds += seconds
            history.trainLoss.append(trainLoss)
            history.validationLoss.append(validationLoss)
            guard trainLoss.isFinite, validationLoss.isFinite else {
                throw TrainingError.diverged(epoch: epoch, trainLoss: trainLoss, validationLoss: validationLoss)
            }
            let (improved, stop) = stopping.record(validationLoss)
            history.bestEpoch = stopping.bestEpoch
            if improved && options.restoreBest { best = snapshot(into: best) }
            let control = onEpoch(EpochRecord(epoch: epoch, trainLoss: trainLoss,
                                              validationLoss: validationLoss, seconds: seconds))
            if control == .stop { break }
            if stop {
                history.stoppedEarly = epoch < options.epochs
                break
            }
        }
        if options.restoreBest, let best { restore(best) }
        return history
    }

    /// The model's predictions for every example, in order, and their mean squared error.
    public func evaluate(_ data: Dataset, batchSize: Int) -> (loss: Float, predictions: [Float]) {
        var predictions = [Float]()
        predictions.reserveCapacity(data.count)
        var total: Double = 0
        for first in stride(from: 0, to: data.count, by: batchSize) {
            let indices = first..<min(first + batchSize, data.count)
            batcher.fill(from: data, indices: ArraySlice(indices))
            let prediction = model.forward(batcher.input, training: false)
            total += Double(loss(prediction, batcher.target).loss) * Double(indices.count)
            predictions.append(contentsOf: UnsafeBufferPointer(start: prediction.pointer, count: prediction.count))
        }
        return (Float(total / Double(max(data.count, 1))), predictions)
    }

    private func snapshot(into saved: [Tensor]?) -> [Tensor] {
        guard let saved else { return model.parameters.map { $0.value.clone() } }
        for (copy, parameter) in zip(saved, model.parameters) { copy.copy(from: parameter.value) }
        return saved
    }

    private func restore(_ saved: [Tensor]) {
        for (copy, parameter) in zip(saved, model.parameters) { parameter.value.copy(from: copy) }
    }
}

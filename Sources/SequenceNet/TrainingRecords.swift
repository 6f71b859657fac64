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
    /// Keep a copy of the best epoch's weights without finishing with them, so that `evaluateBest`
    /// can score them beside the last epoch's.
    public var keepBest: Bool

    public init(
        epochs: Int, batchSize: Int, patience: Int? = nil, restoreBest: Bool = false, keepBest: Bool = false
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.patience = patience
        self.restoreBest = restoreBest
        self.keepBest = keepBest
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
    /// The training loss is finite but past `lossLimit`: the weights are blowing up.
    case exploded(epoch: Int, trainLoss: Float, limit: Float)
    /// `stopRequested` said stop during this epoch, which was abandoned.
    case interrupted(epoch: Int)

    public var description: String {
        switch self {
        case let .diverged(epoch, train, validation):
            return
                "training diverged at epoch \(epoch) (training loss \(train), "
                + "validation loss \(validation)); try a smaller learning rate"
        case let .exploded(epoch, train, limit):
            return "training diverged at epoch \(epoch): its loss \(train) is past \(limit), a thousand "
                + "times the larger of the first epoch's loss and the targets' mean square plus 1; "
                + "try a smaller learning rate"
        case let .interrupted(epoch):
            return "training interrupted during epoch \(epoch)"
        }
    }

    /// The largest training loss of a run that is still learning. An untrained network with PyTorch's
    /// initialisation outputs values of order 1, so its MSE is at most about the targets' mean square plus 1,
    /// and training should lower it: a loss a thousand times that, or the first epoch's, means the weights
    /// are blowing up (Adam at lr 1e9 reaches 1e20 in its first epoch on z-scores).
    static func lossLimit(firstEpoch: Float?, targets: [Float]) -> Float {
        let meanSquare = targets.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(targets.count, 1))
        return 1000 * max(firstEpoch ?? 0, Float(meanSquare + 1))
    }
}

import Foundation
import SequenceNet

/// A yardstick a forecasting model has to beat: a naive forecast such as "the next value equals the last
/// one" (`persistence`) or "the value one season earlier" (`seasonal`).
public struct PersistenceBaseline: Codable, Equatable, Sendable {
    /// Its MAE on the validation examples (normalised where the section normalises).
    public var valMAE: Double
    /// The same in the data's own units, for sections that normalise.
    public var valMAEDenormalized: Double?
    /// Its MAE on the training examples.
    public var trainMAE: Double
    /// The mean distance between the model's validation predictions and this forecast: how far the model
    /// strays from copying it (small for persistence: the prediction is yesterday's value, a day late).
    public var distanceToModel: Double

    enum CodingKeys: String, CodingKey {
        case valMAE = "val_mae", valMAEDenormalized = "val_mae_denormalized", trainMAE = "train_mae"
        case distanceToModel = "distance_to_model"
    }

    public init(valMAE: Double, valMAEDenormalized: Double?, trainMAE: Double, distanceToModel: Double) {
        self.valMAE = valMAE
        self.valMAEDenormalized = valMAEDenormalized
        self.trainMAE = trainMAE
        self.distanceToModel = distanceToModel
    }

    /// The yardstick of the forecasts `validation` and `train` (one per example of each set) for a model
    /// whose validation predictions are `predictions`; `scale` turns an MAE into the data's units.
    public init(
        validation: [Float], train: [Float], data: BookSplit, predictions: [Float], scale: Double?
    ) {
        let mae = meanAbsoluteError(validation, data.validation.targets)
        self.init(
            valMAE: mae, valMAEDenormalized: scale.map { mae * $0 },
            trainMAE: meanAbsoluteError(train, data.train.targets),
            distanceToModel: meanAbsoluteError(predictions, validation))
    }
}

/// What a run did and measured: `<out>/<section>.metrics.json`. The chapters quote these files.
public struct RunReport: Codable, Equatable, Sendable {
    public var section: String
    public var seed: UInt64
    /// Epochs actually run.
    public var epochs: Int
    /// The section's settings value as the file holds it, by key (the chapters quote e.g. `settings.window`).
    public var settings: [String: SettingValue]
    public var parameters: Int
    public var trainLoss: [Float]
    public var valLoss: [Float]
    public var bestEpoch: Int
    public var stoppedEarly: Bool
    /// On the data as the model sees it (normalised where the section normalises).
    public var valMAE: Double
    /// In the data's own units (degrees Celsius), for sections that normalise.
    public var valMAEDenormalized: Double?
    /// The naive forecast "the next value equals the last one" on the same data.
    public var persistence: PersistenceBaseline?
    /// The naive forecast "the value one season earlier", where the data has a known season.
    public var seasonal: PersistenceBaseline?
    /// The MAE of the weights with the lowest validation loss (those of `bestEpoch`, as early stopping
    /// keeps them), beside `valMAE` of the last epoch's; nil when a run resumed from a checkpoint that
    /// did not keep them.
    public var bestValMAE: Double?
    public var bestValMAEDenormalized: Double?
    /// How many steps the final predictions trail the actual values (see `LagMeasure`).
    public var lag: LagMeasure?
    /// Why there is no `lag` (constant predictions, too few values).
    public var lagProblem: String?
    /// The MAE on the 5% of validation targets farthest from their mean (see `ExtremesMAE`).
    public var extremesValMAE: Double?
    public var extremesValMAEDenormalized: Double?
    /// MAEs (normalised) on named parts of the validation set or at named epochs, where a section's
    /// text points at them (GISS: the book's "time steps 160-170", each snapshot epoch).
    public var maeOn: [String: Double]?
    /// Wall time of the process that wrote the report, start to finish. A run resumed from a checkpoint
    /// counts only its own part; `secondsPerEpoch` covers every epoch either way.
    public var secondsTotal: Double
    /// Training and validation seconds divided by epochs run.
    public var secondsPerEpoch: Double
    /// What the matrix products ran on: a run reproduces this report's bits only on the same path
    /// (nil in a report written before reports recorded it).
    public var productPath: ProductPath?
    /// The section whose finished run of the same seed, settings and data this run continued instead
    /// of training (`CheckpointFile.adopting`); nil when it trained its own. Its losses and
    /// `secondsPerEpoch` are that training's; `secondsTotal` is still this process's wall time.
    public var reusedFrom: String?

    enum CodingKeys: String, CodingKey {
        case section, seed, epochs, settings, parameters
        case trainLoss = "train_loss", valLoss = "val_loss", bestEpoch = "best_epoch"
        case stoppedEarly = "stopped_early", valMAE = "val_mae"
        case valMAEDenormalized = "val_mae_denormalized", persistence, seasonal
        case bestValMAE = "best_val_mae", bestValMAEDenormalized = "best_val_mae_denormalized"
        case lag, lagProblem = "lag_problem", extremesValMAE = "extremes_val_mae"
        case extremesValMAEDenormalized = "extremes_val_mae_denormalized", maeOn = "mae_on"
        case secondsTotal = "seconds_total", secondsPerEpoch = "seconds_per_epoch"
        case productPath = "product_path", reusedFrom = "reused_from"
    }

    /// A report of `settings`, the section's one settings value: its coding keys are the report's keys.
    public init(
        section: String, seed: UInt64, settings: some Encodable, parameters: Int,
        history: TrainingHistory, valMAE: Double, valMAEDenormalized: Double? = nil,
        secondsTotal: Double
    ) throws {
        self.section = section
        self.seed = seed
        self.settings = try SettingValue.object(settings)
        self.parameters = parameters
        epochs = history.trainLoss.count
        trainLoss = history.trainLoss
        valLoss = history.validationLoss
        bestEpoch = history.bestEpoch
        stoppedEarly = history.stoppedEarly
        self.valMAE = valMAE
        self.valMAEDenormalized = valMAEDenormalized
        self.secondsTotal = secondsTotal
        secondsPerEpoch = epochs > 0 ? history.trainingSeconds / Double(epochs) : 0
        productPath = .current
    }

    /// The run's last printed line before its files: seconds per epoch, and the wall time of the whole
    /// run (both as the report records them, so a page can quote the line from the report).
    public func timingSummary(decimals: Int = 3) -> String {
        "Training: \(fixed(secondsPerEpoch, decimals)) s per epoch, \(fixed(secondsTotal, 1)) s in all"
    }

    /// The file name under the output folder.
    public static func fileName(section: String) -> String { "\(section).metrics.json" }

    /// Writes the report as sorted, indented JSON, atomically.
    public func write(toFolder folder: String) throws -> String {
        try ReportFile.write(self, named: Self.fileName(section: section), inFolder: folder)
    }

    public static func read(from path: String) throws -> RunReport {
        try ReportFile.read(RunReport.self, from: path, what: "a run report")
    }
}

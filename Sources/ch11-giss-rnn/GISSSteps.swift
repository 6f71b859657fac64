import Foundation
import SequenceNet
import Workbook
import WorkbookData
import WorkbookFigures

/// The station's record as a run reads it: cleaned, normalised and windowed.
struct StationData {
    let record: StationRecord
    let normalization: Normalization
    /// The valid months' temperatures as z-scores.
    let series: [Float]
    let data: BookSplit
}

/// The validation MAE after each epoch of `--snapshot-epochs`, and the first one's predictions.
final class SnapshotScores {
    let epochs: [Int]
    private(set) var predictions: [Float]?
    private(set) var mae: [Int: Double] = [:]
    /// The report's `mae_on` entries for the snapshots.
    private(set) var maeOn: [String: Double] = [:]

    init(epochs: [Int]) { self.epochs = epochs }

    func take(_ record: EpochRecord, trainer: Trainer, validation: Dataset) {
        guard epochs.contains(record.epoch) else { return }
        let predictions = trainer.evaluate(validation).predictions
        mae[record.epoch] = meanAbsoluteError(predictions, validation.targets)
        maeOn["epoch_\(record.epoch)"] = mae[record.epoch]
        maeOn["extremes_epoch_\(record.epoch)"] = ExtremesMAE.of(predictions, targets: validation.targets)
        if record.epoch == epochs[0] { self.predictions = predictions }
    }
}

extension GISSSection {
    /// Prints what was read: months kept and dropped, the normalisation, the windows.
    func describe(_ station: StationData) {
        let (record, normalization, data) = (station.record, station.normalization, station.data)
        let dropped = record.missing.map { String(format: "%d-%02d", $0.year, $0.month) }.joined(
            separator: ", ")
        print(
            "Station record: \(record.readings.count) months, \(record.valid.count) with a value; "
                + "dropped \(record.missing.count) marked missing (\(dropped))")
        print(
            String(
                format: "Mean %.4f °C, standard deviation %.4f °C; ", normalization.mean,
                normalization.standardDeviation)
                + "window \(window): \(data.train.count) training and \(data.validation.count) validation "
                + "windows, \(layout.rawValue) layout")
    }

    /// Prints the model and returns its parameter count as PyTorch counts it.
    func describeModel(_ trainer: Trainer, inputs: Int) -> Int {
        let parameters = BookModel.simpleRNN.bookParameterCount(of: trainer.model, hiddenSize: hidden)
        BookModel.simpleRNN.noteOneLayerDropout(dropout)
        print(
            "Model: RNN(\(inputs), \(hidden)) -> RNN(\(hidden), \(hidden)) -> last step -> "
                + "Dropout(\(dropout)) -> Linear(\(hidden), 1): \(parameters) parameters")
        return parameters
    }

    /// The run report's settings.
    func settings(
        _ common: CommonOptions<Book>, _ station: StationData, snapshotMAE: [Int: Double]
    ) -> GISSSettings {
        let (normalization, data) = (station.normalization, station.data)
        var settings = GISSSettings(
            run: .init(
                layout: layout.rawValue, window: window, split: split, hidden: hidden,
                dropout: Double(dropout),
                learningRate: common.lr, batchSize: common.batchSize, epochsRequested: common.resolvedEpochs,
                mean: normalization.mean, std: normalization.standardDeviation,
                trainingWindows: data.train.count,
                validationWindows: data.validation.count, dataFingerprint: DataFingerprint.of(data)))
        settings.snapshotMAE = snapshotMAE
        return settings
    }

    /// Prints the MAE after each snapshot epoch and at the end, the other measures and the timing.
    func printResults(
        _ report: RunReport, epochs: Int, snapshotMAE: [Int: Double], mae: Double, maeDegrees: Double
    ) {
        // The notebook's number is for its 500 epochs: it sits beside this run's MAE at that epoch.
        func book(_ epoch: Int) -> String {
            epoch == Book.epochs ? " (the notebook's \(Book.epochs) epochs: \(Book.maeReported))" : ""
        }
        for (epoch, value) in snapshotMAE.sorted(by: { $0.key < $1.key }) where epoch < epochs {
            print("Validation MAE after \(epoch) epochs: \(fixed(value, 4)) normalised" + book(epoch))
        }
        print(
            "Validation MAE after \(epochs) epochs: \(fixed(mae, 4)) normalised, \(fixed(maeDegrees, 3)) °C"
                + book(epochs))
        print(report.measuresSummary(persistence: "next month as this one"))
        print(report.timingSummary(decimals: 4))
    }

    /// The record, its grid and split, the predictions after the first snapshot epoch (when the run got
    /// there) and at the end, and the losses.
    func figures(
        _ station: StationData, snapshot: [Float]?, predictions: [Float], history: TrainingHistory
    ) -> [Figure] {
        let (record, normalization, data) = (station.record, station.normalization, station.data)
        let dates = data.validationTargetIndices.map { StationFigures.date(record.valid[$0]) }
        var figures = [
            StationFigures.record(record), StationFigures.grid(record),
            StationFigures.split(
                series: station.series, dates: record.valid.map(StationFigures.date), at: split),
        ]
        if let snapshot {
            figures.append(
                .predictions(
                    name: "fig-11-09-giss-predictions-early" + suffix,
                    title: "Simple RNN after \(snapshots[0]) epochs (\(layout.rawValue) layout)",
                    series: PredictionSeries(
                        time: dates, actual: data.validation.targets, predicted: snapshot,
                        yardstick: persistenceForecast(data.validation),
                        yardstickName: "next month as this one"),
                    xLabel: "year", yLabel: "temperature (z-score)", units: ValueUnits(normalization),
                    mark: Self.bookSteps160To170Mark(dates),
                    caption: "validation values and the RNN's predictions after \(snapshots[0]) epochs"))
        } else {
            print(
                "Note: no early-predictions figure (11-9): its epoch, \(snapshots[0]), is beyond this run's "
                    + "\(history.epochs)")
        }
        figures.append(
            .predictions(
                name: "fig-11-10-giss-predictions" + suffix,
                title: "Simple RNN after \(history.epochs) epochs (\(layout.rawValue) layout)",
                series: PredictionSeries(
                    time: dates, actual: data.validation.targets, predicted: predictions,
                    yardstick: persistenceForecast(data.validation), yardstickName: "next month as this one"),
                xLabel: "year", yLabel: "temperature (z-score)", units: ValueUnits(normalization),
                mark: Self.bookSteps160To170Mark(dates),
                caption: "validation values and the RNN's predictions after \(history.epochs) epochs"))
        figures.append(
            .losses(
                name: "fig-11-11-giss-loss" + suffix,
                title: "Simple RNN: loss per epoch (\(layout.rawValue) layout)",
                training: history.trainLoss, validation: history.validationLoss,
                caption: "training and validation MSE per epoch"))
        return figures
    }
}

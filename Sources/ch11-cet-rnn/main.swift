// Section 11.5: the simple RNN on 250 years of daily Central England temperatures.
// data -> z-scores -> windows of 60 days -> two RNN layers -> MAE in z and in degrees.
import ArgumentParser
import Foundation
import SequenceNet
import Workbook

enum Book: BookSettings {
    static let epochs = 100, learningRate = 5e-4, batchSize = 128, quickEpochs = 2
}

struct CETSection: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch11-cet-rnn",
        abstract: "Train the chapter's simple RNN on the Central England daily temperatures and report its validation MAE.",
        discussion: "Defaults are the book's notebook settings: window 60, split 80,000, hidden 100, dropout 0.1, Adam 5e-4, batch 128, 100 epochs.")

    @OptionGroup var common: CommonOptions<Book>
    @Option(help: "book: one step of 59 values, as the notebooks feed it; sequence: 59 steps of one value.")
    var layout: SequenceLayout = .book
    @Option(help: "Days per window: the last is the target.")
    var window = 60
    @Option(help: "Day index where validation begins.")
    var split = 80_000
    @Option(help: "Hidden units of each RNN layer.")
    var hidden = 100
    @Option(help: "Dropout before the output layer (the notebook also passes it to each one-layer RNN, where PyTorch ignores it).")
    var dropout: Float = 0.1
    @Option(help: "Use only the first N days (0: all), for a quicker look; --quick uses 3,000.")
    var days = 0

    func validate() throws {
        guard hidden >= 1 else { throw ValidationError("--hidden must be at least 1, got \(hidden)") }
        guard (0..<1).contains(dropout) else { throw ValidationError("--dropout must be in [0, 1), got \(dropout)") }
        guard days >= 0 else { throw ValidationError("--days must be 0 or more, got \(days)") }
    }

    var suffix: String { layout == .book ? "" : "-sequence" }

    func run() throws {
        let started = Date()
        var data = try CETData(folder: common.dataFolder, window: window, splitAt: split, layout: layout)
        let limit = days > 0 ? days : (common.quick ? 3_000 : 0)
        if limit > 0 {
            // A shorter record, split at the same fraction as the book's 80,000 of 91,502.
            let cut = DailyRecord(days: Array(data.record.days.prefix(limit)), values: Array(data.record.values.prefix(limit)))
            data = try CETData(record: cut, window: window, splitAt: limit * split / data.record.values.count, layout: layout)
        }
        print("CET daily record: \(data.record.values.count) days, \(data.record.days.first!) to \(data.record.days.last!)")
        print(String(format: "Mean %.4f °C, standard deviation %.4f °C; ", data.normalization.mean, data.normalization.standardDeviation)
              + "window \(window): \(data.split.train.count) training and \(data.split.validation.count) validation windows "
              + "(validation \(data.validationSpan)), \(layout.rawValue) layout")

        let random = RandomSource(seed: common.seed)
        let features = data.windows.featureCount
        let (model, parameters) = BookModel.simpleRNN.build(inputSize: layout.inputSize(features: features),
                                                            hiddenSize: hidden, dropout: dropout, random: random)
        print("Model: RNN(\(layout.inputSize(features: features)), \(hidden)) -> RNN(\(hidden), \(hidden)) -> last step -> "
              + "Dropout(\(dropout)) -> Linear(\(hidden), 1): \(parameters) parameters")

        let epochs = common.resolvedEpochs
        let trainer = Trainer(model: model, optimizer: Adam(model.parameters, learningRate: common.lr), random: random)
        let progress = ProgressReporter(label: "ch11-cet-rnn", totalEpochs: epochs, quiet: common.noProgress)
        let history = try trainer.fit(train: data.split.train, validation: data.split.validation,
                                      options: TrainingOptions(epochs: epochs, batchSize: common.batchSize)) {
            progress.report($0)
            return .proceed
        }
        progress.finish()
        let predictions = trainer.evaluate(data.split.validation).predictions
        let targets = data.split.validation.targets
        let mae = meanAbsoluteError(predictions, targets)
        let maeDegrees = mae * data.normalization.standardDeviation

        let report = RunReport(
            section: "ch11-cet-rnn" + suffix, seed: common.seed,
            settings: ["layout": .string(layout.rawValue), "window": .int(window), "split": .int(split), "hidden": .int(hidden),
                       "dropout": .double(Double(dropout)), "learning_rate": .double(common.lr), "batch_size": .int(common.batchSize),
                       "epochs_requested": .int(epochs), "days": .int(data.record.values.count),
                       "validation_windows": .int(targets.count)],
            parameters: parameters, history: history, valMAE: mae, valMAEDenormalized: maeDegrees,
            secondsTotal: Date().timeIntervalSince(started))
        let path = try report.write(toFolder: common.outputFolder)
        print("Validation MAE after \(history.epochs) epochs: \(fixed(mae, 4)) normalised, \(fixed(maeDegrees, 3)) °C")
        print(String(format: "Training: %.3f s per epoch, %.1f s in all", report.secondsPerEpoch, history.trainingSeconds))
        print("Run report: \(path)")

        let dates = data.validationDates
        let lastHundred = max(0, dates.count - 100)..<dates.count
        try common.publish([
            .predictions(name: "fig-11-12-cet-predictions" + suffix, title: "Simple RNN on CET: every validation day",
                         time: dates, actual: targets, predicted: predictions, xLabel: "date", yLabel: "temperature (z-score)", dates: true,
                         caption: "all validation days, actual and predicted"),
            .predictions(name: "fig-11-13-cet-last-100-days" + suffix, title: "Simple RNN on CET: the last hundred days",
                         time: Array(dates[lastHundred]), actual: Array(targets[lastHundred]),
                         predicted: Array(predictions[lastHundred]), xLabel: "date", yLabel: "temperature (z-score)", dates: true,
                         caption: "the last hundred validation days, actual and predicted"),
            .losses(name: "fig-11-14-cet-loss" + suffix, title: "Simple RNN on CET: loss per epoch",
                    training: history.trainLoss, validation: history.validationLoss,
                    caption: "training and validation MSE per epoch"),
        ])
    }
}

do {
    var command = try CETSection.parseAsRoot()
    try command.run()
} catch {
    CETSection.exit(withError: error)
}

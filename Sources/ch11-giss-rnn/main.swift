// Walkthrough 11.3 (chapters/11-03-giss-rnn.md): a simple RNN on NASA GISS monthly temperatures at
// Seattle-Tacoma airport.
// data -> drop missing months -> z-scores -> windows of 48 -> two RNN layers -> MAE in z and in degrees.
import ArgumentParser
import Foundation
import SequenceNet
import Workbook
import WorkbookData
import WorkbookFigures

enum Book: BookSettings {
    static let epochs = 500, learningRate = 1e-4, batchSize = 64, quickEpochs = 20
    static let maeReported = 0.2135
}

struct GISSSection: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch11-giss-rnn",
        abstract: "Train the chapter's simple RNN on the GISS station record and report its validation MAE.",
        discussion:
            "Defaults are the book's notebook settings: window 48, split 800, hidden 100, dropout 0.3, Adam 1e-4, batch 64, 500 epochs."
    )

    @OptionGroup var common: CommonOptions<Book>
    @Option(help: "book: one step of 47 values, as the notebooks feed it; sequence: 47 steps of one value.")
    var layout: SequenceLayout = .book
    @Option(parsing: .unconditional, help: "Values per window: the last is the target.")
    var window = 48
    @Option(parsing: .unconditional, help: "Index in the cleaned series where validation begins.")
    var split = 800
    @Option(parsing: .unconditional, help: "Hidden units of each RNN layer.")
    var hidden = 100
    @Option(
        parsing: .unconditional,
        help:
            "Dropout before the output layer (the notebook also passes it to each one-layer RNN, where PyTorch ignores it)."
    )
    var dropout: Float = 0.3
    @Option(
        help: ArgumentHelp(
            "Also measure the model after these epochs; the first gives the early predictions figure (book: 100).",
            valueName: "list"))
    var snapshotEpochs = "100"

    var snapshots: [Int] {
        snapshotEpochs.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    func validate() throws {
        guard hidden >= 1 else { throw ValidationError("--hidden must be at least 1, got \(hidden)") }
        guard (0..<1).contains(dropout) else {
            throw ValidationError("--dropout must be in [0, 1), got \(dropout)")
        }
        try WindowOptions.check(window: window, split: split)
        guard !snapshots.isEmpty, snapshots.count == snapshotEpochs.split(separator: ",").count,
            snapshots.allSatisfy({ $0 >= 1 })
        else {
            throw ValidationError(
                "--snapshot-epochs takes epochs like 100 or 100,500, got '\(snapshotEpochs)'")
        }
        // The station record has at most 900 months, so at most 900 windows.
        var estimate = BookModel.simpleRNN.memoryEstimate(
            inputSize: layout.inputSize(features: window - 1),
            hiddenSize: hidden,
            timeSteps: layout == .book ? 1 : window - 1,
            batchSize: min(common.batchSize, 900))
        estimate.data = 2 * 900 * Double(window - 1)
        try estimate.check(
            options: "--hidden \(hidden), --window \(window), --batch-size \(common.batchSize)")
    }

    var suffix: String { layout == .book ? "" : "-sequence" }

    /// The MAE where the book says the predictions are off, "time steps 160-170": its plots number the
    /// validation windows from 97 (the validation set's length), so these are windows 63 to 73.
    static func bookSteps160To170MAE(_ predictions: [Float], _ targets: [Float]) -> Double? {
        guard let range = bookSteps160To170(targets.count) else { return nil }
        return meanAbsoluteError(Array(predictions[range]), Array(targets[range]))
    }

    /// The validation windows the book's steps 160-170 are, when there are that many.
    static func bookSteps160To170(_ count: Int) -> ClosedRange<Int>? {
        let range = (160 - count)...(170 - count)
        return range.lowerBound >= 0 && range.upperBound < count ? range : nil
    }

    /// The book's steps 160-170 on a prediction figure's axis of `dates`, half a month either side.
    static func bookSteps160To170Mark(_ dates: [Double]) -> MarkedSpan? {
        guard let range = bookSteps160To170(dates.count) else { return nil }
        return MarkedSpan(
            from: dates[range.lowerBound] - 1.0 / 24, to: dates[range.upperBound] + 1.0 / 24,
            label: "book's steps 160-170")
    }

    func run() throws {
        try common.prepareOutput()
        try common.runOrStudy(train, reports: { [$0.report] }) { try common.publish($0.figures) }
    }

    /// One run with `common`'s seed: trains, measures, prints and writes the run report.
    func train(_ common: CommonOptions<Book>) throws -> (report: RunReport, figures: [Figure]) {
        let started = Date()
        // snippet.data
        let path = common.dataFolder + "/station.csv"
        let record = try StationRecord.read(path)
        let temperatures = record.valid.map { $0.value! }
        let normalization = try Normalization(fitting: temperatures, source: path)
        let series = normalization.normalize(temperatures)
        let windows = try WindowedSeries(series: series, windowSize: window)
        let data = try BookSplit(
            windows, split: split, exampleShape: layout.exampleShape(features: windows.featureCount))
        // snippet.end
        let dropped = record.missing.map { String(format: "%d-%02d", $0.year, $0.month) }.joined(
            separator: ", ")
        print(
            "Station record: \(record.readings.count) months, \(record.valid.count) with a value; dropped \(record.missing.count) marked missing (\(dropped))"
        )
        print(
            String(
                format: "Mean %.4f °C, standard deviation %.4f °C; ", normalization.mean,
                normalization.standardDeviation)
                + "window \(window): \(data.train.count) training and \(data.validation.count) validation windows, \(layout.rawValue) layout"
        )

        let random = RandomSource(seed: common.seed)
        // snippet.model
        // One step of 47 values (book layout) or 47 steps of one value (sequence layout).
        let inputs = layout.inputSize(features: windows.featureCount)
        let trainer = common.trainer(random: random) { random in
            BookModel.simpleRNN.build(inputSize: inputs, hiddenSize: hidden, dropout: dropout, random: random)
                .model
        }
        // snippet.end
        let parameters = BookModel.simpleRNN.bookParameterCount(of: trainer.model, hiddenSize: hidden)
        BookModel.simpleRNN.noteOneLayerDropout(dropout)
        print(
            "Model: RNN(\(inputs), \(hidden)) -> RNN(\(hidden), \(hidden)) -> last step -> "
                + "Dropout(\(dropout)) -> Linear(\(hidden), 1): \(parameters) parameters")

        var snapshot: [Float]?
        var snapshotMAE: [Int: Double] = [:]
        var maeOn: [String: Double] = [:]
        /// After an epoch of `--snapshot-epochs`: the validation MAE then, and the first one's predictions.
        func takeSnapshot(_ record: EpochRecord) {
            guard snapshots.contains(record.epoch) else { return }
            let predictions = trainer.evaluate(data.validation).predictions
            snapshotMAE[record.epoch] = meanAbsoluteError(predictions, data.validation.targets)
            maeOn["epoch_\(record.epoch)"] = snapshotMAE[record.epoch]
            maeOn["extremes_epoch_\(record.epoch)"] = ExtremesMAE.of(
                predictions, targets: data.validation.targets)
            if record.epoch == snapshots[0] { snapshot = predictions }
        }
        // snippet.train
        // fit(model, train_loader, val_loader, optimizer, epochs), scoring the snapshot epochs on the way
        let history = try common.train(trainer, on: data, label: "ch11-giss-rnn", afterEpoch: takeSnapshot)
        // snippet.end
        // snippet.evaluate
        let predictions = trainer.evaluate(data.validation).predictions
        let mae = meanAbsoluteError(predictions, data.validation.targets)
        let maeDegrees = mae * normalization.standardDeviation  // z-scores back to degrees
        // snippet.end

        var settings = GISSSettings(
            run: .init(
                layout: layout.rawValue, window: window, split: split, hidden: hidden,
                dropout: Double(dropout),
                learningRate: common.lr, batchSize: common.batchSize, epochsRequested: common.resolvedEpochs,
                mean: normalization.mean, std: normalization.standardDeviation,
                trainingWindows: data.train.count,
                validationWindows: data.validation.count, dataFingerprint: DataFingerprint.of(data)))
        settings.snapshotMAE = snapshotMAE
        var report = try RunReport(
            section: "ch11-giss-rnn" + suffix, seed: common.seed, settings: settings,
            parameters: parameters, history: history, valMAE: mae,
            valMAEDenormalized: maeDegrees,
            secondsTotal: Date().timeIntervalSince(started))
        report.addMeasures(
            predictions: predictions,
            bestWeightsPredictions: trainer.evaluateBest(data.validation)?.predictions,
            data: data, scale: normalization.standardDeviation)
        maeOn["book_steps_160_170"] = Self.bookSteps160To170MAE(predictions, data.validation.targets)
        report.maeOn = maeOn
        // The notebook's number is for its 500 epochs: it sits beside this run's MAE at that epoch.
        func book(_ epoch: Int) -> String {
            epoch == Book.epochs ? " (the notebook's \(Book.epochs) epochs: \(Book.maeReported))" : ""
        }
        for (epoch, value) in snapshotMAE.sorted(by: { $0.key < $1.key }) where epoch < history.epochs {
            print("Validation MAE after \(epoch) epochs: \(fixed(value, 4)) normalised" + book(epoch))
        }
        print(
            "Validation MAE after \(history.epochs) epochs: \(fixed(mae, 4)) normalised, \(fixed(maeDegrees, 3)) °C"
                + book(history.epochs))
        print(report.measuresSummary(persistence: "next month as this one"))
        print(report.timingSummary(decimals: 4))
        // The result is on screen before any file is written, so a failed write cannot lose it.
        try report.publish(toFolder: common.outputFolder)

        let dates = data.validationTargetIndices.map { StationFigures.date(record.valid[$0]) }
        var figures = [
            StationFigures.record(record), StationFigures.grid(record),
            StationFigures.split(series: series, dates: record.valid.map(StationFigures.date), at: split),
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
                "Note: no early-predictions figure (11-9): its epoch, \(snapshots[0]), is beyond this run's \(history.epochs)"
            )
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
        return (report, figures)
    }
}

GISSSection.runSection()

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
            "Defaults are the book's notebook settings: window 48, split 800, hidden 100, dropout 0.3, "
            + "Adam 1e-4, batch 64, 500 epochs."
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
        help: ArgumentHelp(
            "Dropout before the output layer (the notebook also passes it to each one-layer RNN, where "
                + "PyTorch ignores it)."))
    var dropout: Float = 0.3
    @Option(
        help: ArgumentHelp(
            "Also measure the model after these epochs; the first gives the early predictions figure "
                + "(book: 100).",
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

    /// One run with `common`'s seed: reads the data, builds the model, trains, measures, prints and
    /// writes the run report; returns it with the run's figures.
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
        let station = StationData(record: record, normalization: normalization, series: series, data: data)
        describe(station)

        let random = RandomSource(seed: common.seed)
        // snippet.model
        // One step of 47 values (book layout) or 47 steps of one value (sequence layout).
        let inputs = layout.inputSize(features: windows.featureCount)
        let trainer = common.trainer(random: random) { random in
            BookModel.simpleRNN.build(inputSize: inputs, hiddenSize: hidden, dropout: dropout, random: random)
                .model
        }
        // snippet.end
        let parameters = describeModel(trainer, inputs: inputs)

        let scores = SnapshotScores(epochs: snapshots)
        /// After an epoch of `--snapshot-epochs`: the validation MAE then, and the first one's predictions.
        func takeSnapshot(_ record: EpochRecord) {
            scores.take(record, trainer: trainer, validation: data.validation)
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

        var report = try RunReport(
            section: "ch11-giss-rnn" + suffix, seed: common.seed,
            settings: settings(common, station, snapshotMAE: scores.mae),
            parameters: parameters, history: history, valMAE: mae,
            valMAEDenormalized: maeDegrees,
            secondsTotal: Date().timeIntervalSince(started))
        report.addMeasures(
            predictions: predictions,
            bestWeightsPredictions: trainer.evaluateBest(data.validation)?.predictions,
            data: data, scale: normalization.standardDeviation)
        var maeOn = scores.maeOn
        maeOn["book_steps_160_170"] = Self.bookSteps160To170MAE(predictions, data.validation.targets)
        report.maeOn = maeOn
        printResults(
            report, epochs: history.epochs, snapshotMAE: scores.mae, mae: mae, maeDegrees: maeDegrees)
        // The result is on screen before any file is written, so a failed write cannot lose it.
        try report.publish(toFolder: common.outputFolder)
        return (
            report, figures(station, snapshot: scores.predictions, predictions: predictions, history: history)
        )
    }
}

GISSSection.runSection()

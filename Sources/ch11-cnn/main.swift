// Walkthrough 11.1 (chapters/11-01-convolutions.md): a Conv1d in front of the dense network of Chapter 10,
// trained on the synthetic
// series. data -> windows -> model -> train -> validation MAE -> run report.
import ArgumentParser
import Foundation
import SequenceNet
import Workbook
import WorkbookData

enum Book: BookSettings {
    static let epochs = 1000
    static let learningRate = 1e-4
    static let batchSize = 32
    static let quickEpochs = 30
    static let maeReported = 5.33
}

struct CNNSection: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch11-cnn",
        abstract: "Train the chapter's 1D CNN on the synthetic series and report its validation MAE.",
        discussion:
            "Every default is the book's notebook setting (window 30, split 1000, 128 filters of size 3).")

    @OptionGroup var common: CommonOptions<Book>

    @Option(
        parsing: .unconditional, help: "Values per window: the last is the target, the rest are the features."
    )
    var window = 30

    @Option(parsing: .unconditional, help: "Series index where validation begins.")
    var split = 1000

    // Optional, so that one given with --model dnn, which has no convolution, can be refused.
    @Option(
        name: .customLong("filters"), parsing: .unconditional,
        help: ArgumentHelp("Convolution filters (output channels; default: 128).", valueName: "filters"))
    var givenFilters: Int?

    @Option(
        name: .customLong("kernel-size"), parsing: .unconditional,
        help: ArgumentHelp(
            "Filter width (default: 3); padded by width/2 zeros at each end, as the book's padding=1 for "
                + "width 3.", valueName: "kernel-size"))
    var givenKernelSize: Int?

    var filters: Int { givenFilters ?? 128 }
    var kernelSize: Int { givenKernelSize ?? 3 }

    func validate() throws {
        if model == .dnn {
            let given = [("--filters", givenFilters), ("--kernel-size", givenKernelSize)]
                .filter { $0.1 != nil }.map(\.0)
            if !given.isEmpty {
                throw ValidationError(
                    "\(given.joined(separator: " and ")) \(given.count == 1 ? "shapes" : "shape") the CNN's "
                        + "convolution, and --model dnn "
                        + "(Chapter 10's dense network) has none: leave them out, or train the CNN")
            }
        }
        guard filters >= 1 else { throw ValidationError("--filters must be at least 1, got \(filters)") }
        guard kernelSize >= 1 else {
            throw ValidationError("--kernel-size must be at least 1, got \(kernelSize)")
        }
        try WindowOptions.check(window: window, split: split)
        try memoryEstimate.check(
            options: "--filters \(filters), --kernel-size \(kernelSize), "
                + "--window \(window), --batch-size \(common.batchSize)")
    }

    /// What the model below holds, counted before it is built (the series has 1,461 values).
    var memoryEstimate: MemoryEstimate {
        let features = Double(window - 1), padded = features + 2 * Double(kernelSize / 2)
        let convolved = max(1, padded - Double(kernelSize) + 1), channels = Double(filters) * convolved
        let parameters = Double(filters) * Double(kernelSize + 1) + 28 * (channels + 1) + 10 * 29 + 11
        return MemoryEstimate(
            parameters: parameters, activationsPerExample: padded + 3 * channels + 80,
            examplesPerBatch: Double(min(common.batchSize, 1461)), data: 2 * 1461 * features)
    }

    @Option(
        help: ArgumentHelp(
            "cnn: the chapter's CNN; dnn: Chapter 10's dense network (Linear(29, 10), Linear(10, 10), "
                + "Linear(10, 1)) it is compared with, at that notebook's settings: 100 epochs, lr 1e-3."))
    var model: NetworkChoice = .cnn

    func run() throws {
        try common.prepareOutput()
        let options = model.defaults(common)
        try options.runOrStudy(train, reports: { [$0.report] }) { try options.publish($0.figures) }
    }

    /// One run with `common`'s seed: trains, measures, prints and writes the run report.
    func train(_ common: CommonOptions<Book>) throws -> NetworkOutcome {
        let started = Date()
        // snippet.data
        let series = SyntheticSeries.make()
        let windows = try WindowedSeries(series: series, windowSize: window)
        let data = try BookSplit(windows, split: split, exampleShape: [1, windows.featureCount])
        // snippet.end
        print(
            "Synthetic series: \(series.count) values; window \(window): "
                + "\(data.train.count) training and \(data.validation.count) validation windows")

        let random = RandomSource(seed: common.seed)
        let convolvedLength = Conv1d.outputLength(
            for: windows.featureCount, kernelSize: kernelSize,
            padding: .zeros(kernelSize / 2))
        // snippet.model
        func cnn(_ random: RandomSource) -> Sequential {
            let convolution = Conv1d(
                1, filters, kernelSize: kernelSize, padding: .zeros(kernelSize / 2), random: random)
            return Sequential([
                convolution, ReLU(),  // [B, 1, 29] -> [B, 128, 29]
                Flatten(),  // -> [B, 128 * 29]
                Linear(filters * convolvedLength, 28, random: random), ReLU(),
                Linear(28, 10, random: random), ReLU(),
                Linear(10, 1, random: random),  // -> [B, 1]
            ])
        }
        // snippet.end
        let trainer: Trainer
        switch model {
        case .cnn:
            // snippet.optimizer
            // model = CNN(); optimizer = torch.optim.Adam(model.parameters(), lr=...): the trainer builds
            // the model with `cnn`, and Adam over its weights at --lr (the notebook's 1e-4 by default).
            trainer = common.trainer(random: random, model: cnn)
            // snippet.end
            print(
                "Model: Conv1d(1, \(filters), k=\(kernelSize)) -> "
                    + "Linear(\(filters)*\(convolvedLength), 28) -> Linear(28, 10) -> Linear(10, 1): "
                    + "\(trainer.model.parameterCount) parameters")
        case .dnn:
            trainer = common.trainer(random: random) { denseNetwork(inputs: windows.featureCount, $0) }
            print(
                "Model: Linear(\(windows.featureCount), 10) -> Linear(10, 10) -> Linear(10, 1): "
                    + "\(trainer.model.parameterCount) parameters")
        }

        // snippet.train
        let history = try common.train(trainer, on: data, label: model.section)
        let predictions = trainer.evaluate(data.validation).predictions
        let mae = meanAbsoluteError(predictions, data.validation.targets)
        // snippet.end

        let settings = CNNSettings(
            model: model.rawValue, window: window, split: split, filters: model == .cnn ? filters : nil,
            kernelSize: model == .cnn ? kernelSize : nil, learningRate: common.lr,
            batchSize: common.batchSize, epochsRequested: common.resolvedEpochs,
            dataFingerprint: DataFingerprint.of(data))
        var report = try RunReport(
            section: model.section, seed: common.seed, settings: settings,
            parameters: trainer.model.parameterCount, history: history, valMAE: mae,
            secondsTotal: Date().timeIntervalSince(started))
        report.addMeasures(
            predictions: predictions,
            bestWeightsPredictions: trainer.evaluateBest(data.validation)?.predictions,
            data: data, scale: nil)
        report.seasonal = .seasonal(
            series: series, windows: windows, data: data, period: Int(SyntheticSeries.period),
            predictions: predictions)
        print(
            "Validation MAE after \(history.epochs) epochs: \(fixed(mae, 4)) (book: \(model.bookMAE))")
        print(report.measuresSummary(persistence: "next step as this one"))
        print(report.timingSummary())
        // The result is on screen before any file is written, so a failed write cannot lose it.
        try report.publish(toFolder: common.outputFolder)
        return NetworkOutcome(
            report: report, figures: model.figures(data: data, predictions: predictions, history: history))
    }
}

CNNSection.runSection()

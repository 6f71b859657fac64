import ArgumentParser
import Foundation
import SequenceNet
import WorkbookData
import WorkbookFigures

/// The book's settings for the Central England runs.
public enum CETBook: BookSettings {
    public static let epochs = 100, learningRate = 5e-4, batchSize = 128, quickEpochs = 2
}

/// Options every Central England section shares, each defaulting to the book's notebook.
public struct CETOptions: ParsableArguments {
    @Option(help: "book: one step of 59 values, as the notebooks feed it; sequence: 59 steps of one value.")
    public var layout: SequenceLayout = .book
    @Option(parsing: .unconditional, help: "Days per window: the last is the target.")
    public var window = 60
    @Option(parsing: .unconditional, help: "Day index where validation begins.")
    public var split = 80_000
    @Option(parsing: .unconditional, help: "Hidden units of each recurrent layer.")
    public var hidden = 100
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Dropout (before the output layer; the notebooks also pass it to one-layer recurrent modules, "
                + "where PyTorch ignores it)."))
    public var dropout: Float = 0.1
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Use only the first N days (0: all), for a quicker look; the split moves with them in "
                + "proportion. --quick uses 3,000."))
    public var days = 0
    @Flag(
        help: ArgumentHelp(
            "Continue from the checkpoint an earlier run with the same options left in the output folder "
                + "(after Ctrl-C, or to train a finished run further with more --epochs)."))
    public var resume = false
    @Option(parsing: .unconditional, help: .hidden)
    public var interruptAfterEpoch: Int?

    public init() {}

    public func validate() throws {
        guard hidden >= 1 else { throw ValidationError("--hidden must be at least 1, got \(hidden)") }
        guard (0..<1).contains(dropout) else {
            throw ValidationError("--dropout must be in [0, 1), got \(dropout)")
        }
        guard days >= 0 else { throw ValidationError("--days must be 0 or more, got \(days)") }
        try WindowOptions.check(window: window, split: split)
    }

    /// `-sequence` for the sequence layout, so that both layouts' reports and figures can sit side by side.
    public var suffix: String { layout == .book ? "" : "-sequence" }
    /// ` (sequence layout)` for figure titles, so the two layouts' figures cannot be mistaken for each other.
    public var titleNote: String { layout == .book ? "" : " (sequence layout)" }

    /// The report name of `ch11-gru-lstm`'s run of `model` with these options (11.6 takes its GRU over).
    public func gruLSTMSection(_ model: BookModel) -> String { "ch11-gru-lstm-\(model.rawValue)" + suffix }
}

/// Loads the data, builds one of the book's models, trains it, reports and writes its run report:
/// the shared body of every Central England section.
public func runCETExperiment(
    _ bookModel: BookModel, section: String, common: CommonOptions<CETBook>, cet: CETOptions,
    recurrentDropout: Float = 0, sameRunAs: String? = nil
) throws -> CETOutcome {
    let started = Date()
    let (data, splitUsed) = try readCETData(for: bookModel, common: common, cet: cet)
    let dataFingerprint = DataFingerprint.of(data.split)
    describe(data, cet: cet)

    let random = RandomSource(seed: common.seed)
    // snippet.cet-model
    // One step of 59 values (book layout) or 59 steps of one value (sequence layout).
    let inputs = cet.layout.inputSize(features: data.windows.featureCount)
    let trainer = common.trainer(random: random) { random in
        bookModel.build(
            inputSize: inputs, hiddenSize: cet.hidden, dropout: cet.dropout,
            recurrentDropout: recurrentDropout, random: random
        ).model
    }
    // snippet.end
    let parameters = describe(
        bookModel, trainer: trainer, inputs: inputs, hidden: cet.hidden, dropout: cet.dropout)

    let targets = data.split.validation.targets
    let settings = CETSettings(
        training: .init(
            model: bookModel.rawValue, layout: cet.layout.rawValue, window: cet.window,
            split: cet.split, hidden: cet.hidden, dropout: Double(cet.dropout),
            recurrentDropout: Double(recurrentDropout), learningRate: common.lr,
            batchSize: common.batchSize, days: data.record.values.count,
            validationWindows: targets.count),
        epochsRequested: common.resolvedEpochs, dataFingerprint: dataFingerprint, splitUsed: splitUsed)
    var checkpoint = try CheckpointFile(
        path: (common.outputFolder as NSString).appendingPathComponent(section + ".checkpoint"),
        seed: common.seed, settings: settings.training, dataFingerprint: dataFingerprint, resume: cet.resume,
        interruptAfterEpoch: cet.interruptAfterEpoch)
    let reused = try takeOver(sameRunAs, into: &checkpoint, common: common, resuming: cet.resume)

    // snippet.cet-train
    let history = try common.train(trainer, on: data.split, label: section, checkpoint: checkpoint)
    let predictions = trainer.evaluate(data.split.validation).predictions
    let mae = meanAbsoluteError(predictions, targets)
    let maeDegrees = mae * data.normalization.standardDeviation  // z-scores back to degrees
    // snippet.end
    var runReport = try RunReport(
        section: section, seed: common.seed, settings: settings,
        parameters: parameters, history: history, valMAE: mae, valMAEDenormalized: maeDegrees,
        secondsTotal: Date().timeIntervalSince(started))
    runReport.reusedFrom = reused
    let report = try publishReport(
        runReport,
        mae: mae, maeDegrees: maeDegrees, predictions: predictions, trainer: trainer, data: data,
        folder: common.outputFolder)
    return CETOutcome(
        data: data, history: history, predictions: predictions, report: report, titleNote: cet.titleNote)
}

/// The section of `sameRunAs` when its finished run of these very settings is in the output folder,
/// after making `checkpoint` continue from it; nil (and `checkpoint` untouched) when there is none, or
/// when the run continues its own checkpoint (`--resume`).
private func takeOver(
    _ sameRunAs: String?, into checkpoint: inout CheckpointFile, common: CommonOptions<CETBook>,
    resuming: Bool
) throws -> String? {
    guard let other = sameRunAs, !resuming else { return nil }
    let path = (common.outputFolder as NSString).appendingPathComponent(other + ".checkpoint")
    guard checkpoint.isSameRunFinished(at: path, epochs: common.resolvedEpochs) else { return nil }
    print(
        "Taking this model from \(other)'s finished run (\(path)): the same seed, settings and data, "
            + "so it is not trained again (--no-reuse trains it anyway).")
    checkpoint = try checkpoint.adopting(finishedRunAt: path)
    return other
}

/// The record (all of it, or `--days`'s or `--quick`'s first days, with the split moved in proportion),
/// refused before anything is allocated if the run would not fit in memory, normalised and windowed.
private func readCETData(
    for bookModel: BookModel, common: CommonOptions<CETBook>, cet: CETOptions
) throws -> (data: CETData, splitUsed: Int) {
    let path = CETData.path(inFolder: common.dataFolder)
    var record = try DailyRecord.read(path), source = path
    var splitUsed = cet.split
    let limit = cet.days > 0 ? cet.days : (common.quick ? 3_000 : 0)
    if limit > 0 {
        let available = record.values.count
        guard limit <= available else {
            throw WorkbookError.invalid("--days \(limit): the record holds only \(available) days")
        }
        // A shorter record, split at the same fraction as the book's 80,000 of 91,502.
        record = DailyRecord(
            days: Array(record.days.prefix(limit)),
            values: Array(record.values.prefix(limit)))
        splitUsed = limit * cet.split / available
        source = "\(path) (its first \(limit) days)"
    }
    if cet.window <= record.values.count {
        let sizes = "--hidden \(cet.hidden), --window \(cet.window), --batch-size \(common.batchSize)"
        try cetMemoryEstimate(bookModel, cet: cet, days: record.values.count, batchSize: common.batchSize)
            .check(options: sizes)
    }
    do {
        let data = try CETData(
            record: record, window: cet.window, splitAt: splitUsed, layout: cet.layout,
            source: source)
        return (data, splitUsed)
    } catch WorkbookError.invalid(let problem) where limit > 0 && !problem.hasPrefix(source) {
        let shortened = cet.days > 0 ? "--days \(limit)" : "--quick's first \(limit) days"
        throw WorkbookError.invalid(
            "with \(shortened), --split \(cet.split) moves in proportion to "
                + "\(splitUsed): \(problem)")
    }
}

/// Prints the record's days, the normalisation and the windows.
private func describe(_ data: CETData, cet: CETOptions) {
    print(
        "CET daily record: \(data.record.values.count) days, "
            + "\(data.record.days.first!) to \(data.record.days.last!)")
    print(
        String(
            format: "Mean %.4f °C, standard deviation %.4f °C; ", data.normalization.mean,
            data.normalization.standardDeviation)
            + "window \(cet.window): \(data.split.train.count) training and "
            + "\(data.split.validation.count) validation windows "
            + "(validation \(data.validationSpan)), \(cet.layout.rawValue) layout")
}

/// Prints the model and returns its parameter count as PyTorch counts it.
private func describe(
    _ bookModel: BookModel, trainer: Trainer, inputs: Int, hidden: Int, dropout: Float
) -> Int {
    let parameters = bookModel.bookParameterCount(of: trainer.model, hiddenSize: hidden)
    bookModel.noteOneLayerDropout(dropout)
    print("Model: \(bookModel.rawValue) with \(inputs) inputs, hidden \(hidden): \(parameters) parameters")
    return parameters
}

/// Adds the measures beside the MAE to `report`, prints the results, then writes the report: the result
/// is on screen before any file is written, so a failed write cannot lose it.
private func publishReport(
    _ report: RunReport, mae: Double, maeDegrees: Double, predictions: [Float], trainer: Trainer,
    data: CETData, folder: String
) throws -> RunReport {
    var report = report
    report.addMeasures(
        predictions: predictions,
        bestWeightsPredictions: trainer.evaluateBest(data.split.validation)?.predictions,
        data: data.split, scale: data.normalization.standardDeviation)
    print(
        "Validation MAE after \(report.epochs) epochs: \(fixed(mae, 4)) normalised, "
            + "\(fixed(maeDegrees, 3)) °C")
    print(report.measuresSummary)
    print(report.timingSummary())
    try report.publish(toFolder: folder)
    return report
}

/// What a Central England run of `bookModel` will hold for `days` days of data, before any is allocated.
func cetMemoryEstimate(_ bookModel: BookModel, cet: CETOptions, days: Int, batchSize: Int) -> MemoryEstimate {
    let features = cet.window - 1, windows = max(0, days - cet.window + 1)
    var estimate = bookModel.memoryEstimate(
        inputSize: cet.layout.inputSize(features: features),
        hiddenSize: cet.hidden,
        timeSteps: cet.layout == .book ? 1 : features,
        batchSize: min(batchSize, windows))
    // The windows, then their training and validation copies.
    estimate.data = 2 * Double(windows) * Double(features)
    return estimate
}

// Walkthrough 11.2 (chapters/11-02-architecture-search.md): the chapter's search over CNN architectures. 48 configurations, each trained with
// early stopping, several at once; results appended as they finish (resumable, shardable, mergeable),
// then ranked by the validation MAE of each configuration's best weights.
import ArgumentParser
import CNNSearch
import Foundation
import SequenceNet
import Workbook

enum Book: BookSettings {
    static let epochs = SearchRunner.maxEpochs, learningRate = 1e-4, batchSize = SearchRunner.batchSize, quickEpochs = 5
}

struct Shard: ExpressibleByArgument {
    let k: Int, n: Int
    init?(argument: String) {
        let parts = argument.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else { return nil }
        (k, n) = (parts[0], parts[1])
    }
}

struct CNNSearchSection: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch11-cnn-search",
        abstract: "Search the chapter's 48 CNN architectures with early stopping and rank them by validation MAE.",
        discussion: """
            Each configuration trains for at most --epochs epochs (book: 100), stops after 10 without a lower \
            validation loss, and is measured on its best weights. Results are appended to the results file as \
            they finish: --resume continues an interrupted search, --shard K/N runs every N-th configuration \
            from K, and --merge FILE... ranks the union of shards' files.
            """)

    @Option(parsing: .unconditional, help: ArgumentHelp("Most epochs per configuration (book: 100; --quick: 5).", valueName: "n"))
    var epochs: Int?
    @Option(parsing: .unconditional, help: "Seed of the run; each configuration's seed derives from it and its index.")
    var seed: UInt64 = 42
    @Flag(help: "A narrowed search of a few seconds (1 conv layer, width 3, lr 1e-3, 5 epochs); writes to a temporary folder unless --out is given.")
    var quick = false
    @Option(help: ArgumentHelp("Folder for the results, report and figures (default: figures for the book's search, "
                               + "runs for a narrowed or sharded one, a temporary folder with --quick).", valueName: "dir"))
    var out: String?
    @Option(help: ArgumentHelp("Only these convolution layer counts, e.g. 2.", valueName: "list"))
    var convLayers: String?
    @Option(help: ArgumentHelp("Only these filter widths, e.g. 3,5.", valueName: "list"))
    var kernelSizes: String?
    @Option(help: ArgumentHelp("Only these learning rates, e.g. 1e-3.", valueName: "list"))
    var learningRates: String?
    @Option(parsing: .unconditional, help: "Configurations trained at once, one per core unless given.")
    var workers = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Continue the search in the results file, skipping configurations it already holds.")
    var resume = false
    @Option(help: ArgumentHelp("Run only the K-th, (K+N)-th, ... of the configurations searched, from 0 (0 <= K < N).", valueName: "K/N"))
    var shard: Shard?
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Rank the union of these results files instead of training.", valueName: "files"))
    var merge: [String] = []
    @Flag(inversion: .prefixedNo, help: "Draw the figures with gnuplot (default: when gnuplot is installed).")
    var figures: Bool?
    @Flag(help: ArgumentHelp("Redraw the ranking so far with gnuplot as each configuration finishes: in a "
                             + "window when there is a display, else as text in place of the progress lines. "
                             + "Needs gnuplot."))
    var live = false

    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1, got \(workers)") }
        if !merge.isEmpty && (resume || shard != nil) { throw ValidationError("--merge cannot be combined with --resume or --shard") }
        _ = try space()
        _ = outputFolder    // says first thing when the search writes into runs/ (see ChapterRuns)
    }

    /// The search space, narrowed by the options.
    func space() throws -> SearchSpace {
        let book = SearchSpace()
        var space = book
        func list<T>(_ text: String?, _ option: String, _ allowed: [T], _ parse: (String) -> T?) throws -> [T]? where T: Equatable {
            guard let text else { return nil }
            let values = text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            return try values.map { value in
                guard let parsed = parse(value), allowed.contains(parsed) else {
                    throw ValidationError("--\(option): '\(value)' is not one of the book's values \(allowed)")
                }
                return parsed
            }
        }
        if quick { (space.convolutionLayers, space.kernelSizes, space.learningRates) = ([1], [3], [1e-3]) }
        // A list given explicitly may pick any of the book's values, with --quick too.
        space.convolutionLayers = try list(convLayers, "conv-layers", book.convolutionLayers) { Int($0) } ?? space.convolutionLayers
        space.kernelSizes = try list(kernelSizes, "kernel-sizes", book.kernelSizes) { Int($0) } ?? space.kernelSizes
        space.learningRates = try list(learningRates, "learning-rates", book.learningRates) { Double($0) } ?? space.learningRates
        return space
    }

    var outputFolder: String {
        out ?? (quick ? (NSTemporaryDirectory() as NSString).appendingPathComponent("ch11-quick") : ChapterRuns.defaultFolder)
    }
    var resultsPath: String { (outputFolder as NSString).appendingPathComponent("ch11-cnn-search.results.tsv") }

    func run() throws {
        let started = Date()
        try AtomicFile.checkWritable(folder: outputFolder)
        // snippet.data
        let windows = try WindowedSeries(series: SyntheticSeries.make(), windowSize: 30)
        let data = try BookSplit(windows, split: 1000, exampleShape: [1, windows.featureCount])
        // snippet.end
        let runner = SearchRunner(data: data, seed: seed)
        runner.maxEpochs = epochs ?? (quick ? Book.quickEpochs : Book.epochs)

        var results: [SearchResult]
        if merge.isEmpty {
            results = try search(runner)
            if let shard {
                print("Shard \(shard.k)/\(shard.n) done: \(results.count) configurations in \(resultsPath). "
                      + "Rank all shards with: ch11-cnn-search --merge FILE...")
                return
            }
        } else {
            results = try merged()
        }
        let report = SearchReport(seed: seed, results: results)
        print("\nTop \(min(10, results.count)) of \(results.count) configurations:\n" + report.table(top: 10))
        guard let winner = report.ranked.first else { return }
        print("\nWinner: \(winner.configuration), validation MAE \(fixed(winner.valMAE, 4)) after \(winner.epochs) epochs "
              + "(best epoch \(winner.bestEpoch)).")
        print("Book's winner: \(SearchReport.bookWinner.summary), MAE \(SearchReport.bookWinner.mae).")
        print("Report: \(try report.write(toFolder: outputFolder))")
        print(String(format: "Wall time %.1f s (training, summed over configurations: %.1f s)",
                     Date().timeIntervalSince(started), report.secondsTraining))
        try drawFigures(report, runner: runner, data: data)
    }

    /// Trains what the results file does not yet hold, appending each result as it comes.
    func search(_ runner: SearchRunner) throws -> [SearchResult] {
        if live { try LivePlot.requireGnuplot() }
        var all = try space().configurations
        // Shards deal out the configurations this run trains (the narrowed list, not the book's 48),
        // so that every shard gets its share.
        if let shard { all = all.enumerated().filter { $0.offset % shard.n == shard.k }.map(\.element) }
        var done: [SearchResult] = []
        if resume, FileManager.default.fileExists(atPath: resultsPath) {
            done = try ResultsFile.read(resultsPath).filter { result in all.contains { $0.index == result.index } }
            print("Resuming: \(done.count) of \(all.count) configurations already in \(resultsPath)")
        } else if FileManager.default.fileExists(atPath: resultsPath) {
            // A new search never destroys an old one: its file is kept beside the new.
            try? FileManager.default.removeItem(atPath: resultsPath + ".previous")
            try FileManager.default.moveItem(atPath: resultsPath, toPath: resultsPath + ".previous")
            print("Earlier results kept as \(resultsPath).previous")
        }
        let todo = all.filter { configuration in !done.contains { $0.index == configuration.index } }
        let appender = try ResultsAppender(path: resultsPath)
        print("Training \(todo.count) configurations, \(min(workers, max(todo.count, 1))) at a time, at most \(runner.maxEpochs) epochs each")
        let total = all.count
        let counter = Counter(done.count)
        let live = self.live ? try LiveRanking(total: total, done: done) : nil
        defer { live?.finish() }
        let fresh = try runner.run(todo, workers: workers) { result in
            appender.append(result)
            let k = counter.increment()
            live?.add(result)
            guard live?.replacesProgress != true else { return }
            print(String(format: "[%2d/%d] %@: %3d epochs (best %3d), MAE %.4f, %.1f s", k, total,
                         result.configuration.summary, result.epochs, result.bestEpoch, result.validationMAE, result.seconds))
        }
        return done + fresh
    }

    /// The union of several results files; the same configuration in two files must agree.
    func merged() throws -> [SearchResult] {
        var byIndex: [Int: (result: SearchResult, file: String)] = [:]
        for file in merge {
            for result in try ResultsFile.read(file) {
                if let earlier = byIndex[result.index], earlier.result.validationMAE != result.validationMAE {
                    throw ValidationError("configuration \(result.index) has different results in \(earlier.file) and \(file)")
                }
                byIndex[result.index] = (result, file)
            }
        }
        print("Merged \(byIndex.count) configurations from \(merge.count) file(s)")
        return byIndex.values.map(\.result)
    }

    func drawFigures(_ report: SearchReport, runner: SearchRunner, data: BookSplit) throws {
        // The winner is trained once more from its seed for its predictions; the run is deterministic,
        // so this reproduces the searched result exactly (checked).
        let winner = SearchSpace.book[report.ranked[0].index]
        let (again, predictions) = try runner.trainAlone(winner)
        guard again.validationMAE == report.ranked[0].valMAE else {
            throw ValidationError("retraining the winner gave MAE \(again.validationMAE), not \(report.ranked[0].valMAE): "
                + "were the results made with another seed or --epochs?")
        }
        var options = CommonOptions<Book>()
        options.out = outputFolder
        options.figures = figures
        try options.publish([
            .predictions(name: "fig-11-05-search-predictions", title: "Best searched CNN: validation values and predictions",
                         time: data.validationTargetIndices.map(Double.init), actual: data.validation.targets,
                         predicted: predictions, xLabel: "time step", yLabel: "value",
                         caption: "the search winner's predictions for the validation windows (\(winner.summary))"),
            SearchFigures.ranking(report),
        ])
    }
}

/// A thread-safe count of finished configurations, for the progress lines.
final class Counter: @unchecked Sendable {
    private var value: Int
    private let lock = NSLock()
    init(_ start: Int) { value = start }
    func increment() -> Int { lock.withLock { value += 1; return value } }
}

do {
    var command = try CNNSearchSection.parseAsRoot()
    try command.run()
} catch {
    CNNSearchSection.exit(withError: error)
}

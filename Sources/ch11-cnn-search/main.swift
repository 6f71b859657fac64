// Walkthrough 11.2 (chapters/11-02-architecture-search.md): the chapter's search over CNN architectures. 48
// configurations, each trained with
// early stopping, several at once; results appended as they finish (resumable, shardable, mergeable),
// then ranked by the validation MAE of each configuration's best weights.
import ArgumentParser
import CNNSearch
import Foundation
import SequenceNet
import Workbook
import WorkbookData
import WorkbookFigures

/// Each configuration's epoch limit; the learning rates and the batch size belong to the search space.
enum Book: BookEpochs {
    static let epochs = SearchRunner.maxEpochs, quickEpochs = 5
}

struct CNNSearchSection: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch11-cnn-search",
        abstract:
            "Search the chapter's 48 CNN architectures with early stopping and rank them by validation MAE.",
        discussion: """
            Each configuration trains for at most --epochs epochs (book: 100), stops after 10 without a \
            lower validation loss, and is measured on its best weights. Results are appended to the results \
            file as they finish, under a header recording the settings: --resume continues an interrupted \
            search with the same settings, --shard K/N runs every N-th configuration from K into a file of \
            its own (shards may share a folder), and --merge FILE-OR-FOLDER... ranks the union of shards' \
            files, with the settings recorded in them. Each configuration's seed derives from --seed and its \
            index. --quick narrows the search to 1 conv layer, width 3 and lr 1e-3, at most 5 epochs each; \
            --no-progress leaves out the line printed as each configuration finishes.
            """)

    /// --epochs (the most per configuration), --seed, --quick, --no-progress, --live, --out, --figures.
    @OptionGroup var common: RunOptions<Book>
    @Option(help: ArgumentHelp("Only these convolution layer counts, e.g. 2.", valueName: "list"))
    var convLayers: String?
    @Option(help: ArgumentHelp("Only these filter widths, e.g. 3,5.", valueName: "list"))
    var kernelSizes: String?
    @Option(help: ArgumentHelp("Only these learning rates, e.g. 1e-3.", valueName: "list"))
    var learningRates: String?
    @Option(parsing: .unconditional, help: "Configurations trained at once, one per core unless given.")
    var workers = ProcessInfo.processInfo.activeProcessorCount
    @Flag(
        help: "Continue the search in the results file (made with the same settings), skipping what it holds."
    )
    var resume = false
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Run only the K-th, (K+N)-th, ... of the configurations searched, from 0 (0 <= K < N).",
            valueName: "K/N"),
        transform: ShardOption.init)
    var shard: ShardOption?
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Rank the union of these results files (or of the results files in these folders) "
                + "instead of training; the settings come from the files.", valueName: "files"))
    var merge: [String] = []
    @Flag(help: "With --merge: rank the shards given even when some are missing or incomplete.")
    var partial = false
    @Option(
        name: .customLong("merge-seeds"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Assemble the seed study from its parts' folders, each made by --seeds LIST --out PART.",
            valueName: "parts"))
    var mergeSeeds: [String] = []
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "After ranking, retrain the top five configurations and the book's winner under N search "
                + "seeds (counting up from --seed) or the seeds listed (a,b,c), and write their spread to "
                + "ch11-cnn-search.study.json. --resume with a finished search skips the search itself.",
            valueName: "N|list"))
    var seeds: SeedChoice?

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1, got \(workers)") }
        try validateMergeSeeds()
        let searchOnly = [
            ("--resume", resume), ("--shard", shard != nil),
            ("--seed", common.givenSeed != nil), ("--epochs", common.epochs != nil),
            ("--quick", common.quick), ("--conv-layers", convLayers != nil),
            ("--kernel-sizes", kernelSizes != nil), ("--learning-rates", learningRates != nil),
        ]
        .filter(\.1).map(\.0)
        if !merge.isEmpty && !searchOnly.isEmpty {
            throw ValidationError(
                "--merge takes its settings from the files; it cannot be combined with "
                    + searchOnly.joined(separator: ", "))
        }
        if partial && merge.isEmpty { throw ValidationError("--partial goes with --merge") }
        if let problem = seeds?.problem(first: common.seed) { throw ValidationError(problem) }
        if seeds != nil && shard != nil {
            throw ValidationError(
                "--seeds studies the top configurations of the whole ranking, which a shard does not "
                    + "have: run the shards without it, then add --seeds to the --merge that ranks them")
        }
        _ = try space()
    }

    /// The search space, narrowed by the options.
    func space() throws -> SearchSpace {
        let book = SearchSpace()
        var space = book
        func list<T>(_ text: String?, _ option: String, _ allowed: [T], _ parse: (String) -> T?) throws
            -> [T]? where T: Equatable
        {
            guard let text else { return nil }
            let values = text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            return try values.map { value in
                guard let parsed = parse(value), allowed.contains(parsed) else {
                    throw ValidationError(
                        "--\(option): '\(value)' is not one of the book's values \(allowed)")
                }
                return parsed
            }
        }
        if common.quick {
            (space.convolutionLayers, space.kernelSizes, space.learningRates) = ([1], [3], [1e-3])
        }
        // A list given explicitly may pick any of the book's values, with --quick too.
        space.convolutionLayers =
            try list(convLayers, "conv-layers", book.convolutionLayers) { Int($0) } ?? space.convolutionLayers
        space.kernelSizes =
            try list(kernelSizes, "kernel-sizes", book.kernelSizes) { Int($0) } ?? space.kernelSizes
        space.learningRates =
            try list(learningRates, "learning-rates", book.learningRates) { Double($0) }
            ?? space.learningRates
        return space
    }

    var outputFolder: String { common.outputFolder }
    /// The settings a search with these options runs with (`data` is the data's fingerprint).
    func settings(data: String) throws -> SearchSettings {
        SearchSettings(
            seed: common.seed, epochs: common.resolvedEpochs, space: try space(),
            shard: shard?.shard ?? .whole, data: data)
    }

    func run() throws {
        if !mergeSeeds.isEmpty { return try mergeSeedStudy() }
        let started = Date()
        // Shards may share a folder: each locks its own results file (ResultsAppender), not the folder.
        try common.prepareOutput(lock: false)
        // snippet.data
        let windows = try WindowedSeries(series: SyntheticSeries.make(), windowSize: 30)
        let data = try BookSplit(windows, split: 1000, exampleShape: [1, windows.featureCount])
        // snippet.end
        let fingerprint = DataFingerprint.of(data)
        // Every file is read and checked before anything trains or is written.
        let merged = merge.isEmpty ? nil : try mergedShards(fingerprint: fingerprint)
        let settings = try merged?.settings ?? settings(data: fingerprint)
        let runner = SearchRunner(
            data: data, seed: settings.seed, maxEpochs: settings.epochs,
            products: ProductShapeLog.engine(for: common.productShapes) ?? ProductEngine())

        let results = try merged?.results ?? search(runner, settings: settings)
        try ProductShapeLog.record(runner.products.meter, to: common.productShapes)
        if settings.shard != .whole {
            print(
                "Shard \(settings.shard) done: \(results.count) configurations. When every shard is done, "
                    + "rank them with: ch11-cnn-search --merge \(outputFolder)")
            return
        }
        let report = SearchReport(settings: settings, results: results, gaps: merged?.gaps ?? [])
        print("\nTop \(min(10, results.count)) of \(results.count) configurations:\n" + report.table(top: 10))
        guard let winner = report.ranked.first else { throw SearchError("there are no results to rank") }
        let predictions = try retrainWinner(winner, runner: runner)
        print(
            "\nWinner: \(winner.configuration), validation MAE \(fixed(winner.valMAE, 4)) "
                + "after \(winner.epochs) epochs (best epoch \(winner.bestEpoch)).")
        let here = report.bookWinnerHere.map {
            "here MAE \(fixed($0.valMAE, 4)), rank \($0.rank) of \(results.count)"
        }
        print(
            "Book's winner: \(SearchReport.bookWinner.summary) "
                + "(the book's run: MAE \(SearchReport.bookWinner.mae); "
                + "\(here ?? "not among the configurations searched here"))")
        print("Report: \(try report.write(toFolder: outputFolder))")
        print(
            String(
                format: "Wall time %.1f s (training, summed over configurations: %.1f s)",
                Date().timeIntervalSince(started), report.secondsTraining))
        try drawFigures(report, predictions: predictions, data: data)
        if let seeds {
            // With --merge the first seed comes from the files, known only now.
            if let problem = seeds.problem(first: settings.seed) { throw ValidationError(problem) }
            try study(report, seeds: seeds.seeds(from: settings.seed), settings: settings, data: data)
        }
    }

    /// The seed study of the top configurations and the book's winner (see `SearchSeedStudy`).
    func study(_ report: SearchReport, seeds: [UInt64], settings: SearchSettings, data: BookSplit) throws {
        let count = min(SearchSeedStudy.top, report.ranked.count) + (report.bookWinnerHere == nil ? 0 : 1)
        print("\nSeed study: up to \(count) configurations under \(seeds.count) seeds, \(workers) at a time")
        let quiet = common.noProgress
        let study = try SearchSeedStudy.run(
            report: report, data: data, seeds: seeds, maxEpochs: settings.epochs, workers: workers
        ) { result, seed in
            guard !quiet else { return }
            print(
                String(
                    format: "  seed %llu: %@: MAE %.4f (best epoch %d)", seed, result.configuration.summary,
                    result.validationMAE, result.bestEpoch))
        }
        print(study.table)
        print("Seed study: \(try study.write(toFolder: outputFolder))")
        try common.publish([SearchFigures.ranking(report, study: study)])
    }

    /// Trains what the results file does not yet hold, appending each result as it comes. The file is
    /// locked for the whole search, and with --resume its settings must be this run's.
    func search(_ runner: SearchRunner, settings: SearchSettings) throws -> [SearchResult] {
        if common.live { try LivePlot.requireGnuplot() }
        let all = settings.configurations
        let path = (outputFolder as NSString).appendingPathComponent(ResultsFile.name(for: settings.shard))
        let appender = try ResultsAppender(path: path)
        let start = try appender.begin(settings, resume: resume, warn: warn)
        let done = start.done
        switch start {
        case .resumed(let done):
            print("Resuming: \(done.count) of \(all.count) configurations already in \(path)")
        case .fresh(let kept?):
            print("Earlier results kept as \(kept)")
        case .fresh(nil):
            break
        }
        let todo = all.filter { configuration in !done.contains { $0.index == configuration.index } }
        print(
            "Training \(todo.count) configurations, \(min(workers, max(todo.count, 1))) at a time, "
                + "at most \(runner.maxEpochs) epochs each")
        let total = all.count
        let counter = Counter(done.count)
        let live = common.live ? try LiveRanking(total: total, done: done) : nil
        defer { live?.finish() }
        let quiet = common.noProgress
        let fresh = try runner.run(todo, workers: workers) { result in
            try appender.append(result)
            let k = counter.increment()
            live?.add(result)
            guard !quiet, live?.replacesProgress != true else { return }
            print(
                String(
                    format: "[%2d/%d] %@: %3d epochs (best %3d), MAE %.4f, %.1f s", k, total,
                    result.configuration.summary, result.epochs, result.bestEpoch, result.validationMAE,
                    result.seconds))
        }
        return done + fresh
    }

    /// The shards named by --merge (files, or folders of them), checked to be one search, complete
    /// unless --partial, and made from this program's data.
    func mergedShards(fingerprint: String) throws -> MergedResults {
        let (merged, files) = try MergedResults.gather(
            merge, fingerprint: fingerprint, partial: partial, warn: warn)
        let settings = merged.settings
        print(
            "Merged \(merged.results.count) of \(settings.configurations.count) configurations from "
                + "\(files.count) file(s) (seed \(settings.seed), at most \(settings.epochs) epochs, "
                + "\(settings.space.narrowing))")
        return merged
    }

    /// The winner trained once more from its seed, for its predictions. The run is deterministic, so
    /// this reproduces the recorded result exactly; when it does not, nothing is written.
    func retrainWinner(_ winner: SearchReport.Entry, runner: SearchRunner) throws -> [Float] {
        let configuration = SearchSpace.book[winner.index]
        let (again, predictions) = try runner.trainAlone(configuration)
        guard again.validationMAE == winner.valMAE else {
            throw SearchError(
                "retraining the winner (\(configuration.summary)) from its seed gave MAE "
                    + "\(again.validationMAE), not the \(winner.valMAE) recorded: "
                    + "these results were not made by this program as it is now; no report written")
        }
        return predictions
    }

    func drawFigures(_ report: SearchReport, predictions: [Float], data: BookSplit) throws {
        let winner = SearchSpace.book[report.ranked[0].index]
        try common.publish([
            .seriesPredictions(
                name: "fig-11-05-search-predictions",
                title: "Best searched CNN: validation values and predictions",
                data: data, predictions: predictions,
                caption: "the search winner's predictions for the validation windows (\(winner.summary))"),
            SearchFigures.ranking(report, study: SearchFigures.study(of: report, in: outputFolder)),
        ])
    }
}

CNNSearchSection.runSection()

import Dispatch
import Foundation
import SequenceNet
import WorkbookData

/// The search's seed study: the top configurations and the book's winner, each retrained under several
/// seeds, to see whether the ranking is more than the luck of one seed. `ch11-cnn-search.study.json`.
public struct SearchSeedStudy: Codable, Equatable, Sendable {
    /// One configuration over the seeds.
    public struct Entry: Codable, Equatable, Sendable {
        public var index: Int
        public var configuration: String
        /// Its place in the search's ranking (made with the search's seed).
        public var searchRank: Int
        public var bookWinner: Bool
        /// `val_mae` (of the best weights, as the search measures), `best_epoch` and `epochs`.
        public var measures: [String: StudyMeasure]

        enum CodingKeys: String, CodingKey {
            case index, configuration, measures
            case searchRank = "search_rank", bookWinner = "book_winner"
        }
    }

    public var section = "ch11-cnn-search"
    /// The search's seeds: each is a whole search's `--seed`, from which every configuration's own
    /// seed follows (`SearchRunner.seed(for:)`), so the first reproduces the search's own results.
    public var seeds: [UInt64]
    public var entries: [Entry]
    public var secondsTotal: Double
    /// What the study's numbers rest on, for a merge of its parts to compare (nil in studies made
    /// before they were recorded): the search ranked (its seed, epochs, space and data) and the
    /// product path the study's runs took.
    public var searchSeed: UInt64?
    public var maxEpochs: Int?
    public var space: String?
    public var data: String?
    public var products: String?

    enum CodingKeys: String, CodingKey {
        case section, seeds, entries, secondsTotal = "seconds_total"
        case searchSeed = "search_seed", maxEpochs = "max_epochs", space, data, products
    }

    public init(seeds: [UInt64], entries: [Entry], secondsTotal: Double, report: SearchReport?) {
        self.seeds = seeds
        self.entries = entries
        self.secondsTotal = secondsTotal
        (searchSeed, maxEpochs, space, data) = (report?.seed, report?.maxEpochs, report?.space, report?.data)
        products = ProductPath.current.description
    }

    public static let fileName = "ch11-cnn-search.study.json"
    /// How many of the search's best configurations the study retrains (the book's winner besides).
    public static let top = 5

    /// Retrains the top `top` entries of `report` and the book's winner under each of `seeds`, `workers`
    /// at a time; `finished` sees each result as it comes (one call at a time).
    public static func run(
        report: SearchReport, data: BookSplit, seeds: [UInt64], maxEpochs: Int, workers: Int,
        finished: @escaping @Sendable (SearchResult, UInt64) -> Void
    ) throws -> SearchSeedStudy {
        let started = Date()
        var chosen = Array(report.ranked.prefix(top))
        if let book = report.bookWinnerHere, !chosen.contains(where: { $0.index == book.index }) {
            chosen.append(book)
        }
        let jobs = chosen.flatMap { entry in seeds.map { (entry.index, $0) } }
        let queue = WorkQueue<(position: Int, result: SearchResult)>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, jobs.count))) { _ in
            while let position = queue.take() {
                let (index, seed) = jobs[position]
                do {
                    let runner = SearchRunner(data: data, seed: seed, maxEpochs: maxEpochs)
                    let result = try runner.trainAlone(SearchSpace.book[index]).result
                    try queue.finish((position, result)) { finished($0.result, seed) }
                } catch {
                    queue.fail(error)
                }
            }
        }
        let all = try queue.outcome().sorted { $0.position < $1.position }.map(\.result)
        let entries = chosen.enumerated().map { position, entry in
            let runs = Array(all[(position * seeds.count)..<((position + 1) * seeds.count)])
            return Entry(
                index: entry.index, configuration: entry.configuration, searchRank: entry.rank,
                bookWinner: entry.configuration == SearchReport.bookWinner.summary,
                measures: [
                    "val_mae": StudyMeasure(runs.map(\.validationMAE)),
                    "best_epoch": StudyMeasure(runs.map { Double($0.bestEpoch) }),
                    "epochs": StudyMeasure(runs.map { Double($0.epochs) }),
                ])
        }
        return SearchSeedStudy(
            seeds: seeds, entries: entries, secondsTotal: Date().timeIntervalSince(started), report: report)
    }

    public func write(toFolder folder: String) throws -> String {
        try ReportFile.write(self, named: Self.fileName, inFolder: folder)
    }

    /// The table the program prints: each configuration's MAE over the seeds.
    public var table: String {
        var lines = ["search rank  val MAE mean ± std (min to max) over \(seeds.count) seeds  configuration"]
        for entry in entries {
            let mae = entry.measures["val_mae"]!
            lines.append(
                String(
                    format: "%11d  %.4f ± %.4f (%.4f to %.4f)  ", entry.searchRank, mae.mean, mae.std,
                    mae.min,
                    mae.max) + entry.configuration + (entry.bookWinner ? " (the book's winner)" : ""))
        }
        return lines.joined(separator: "\n")
    }
}

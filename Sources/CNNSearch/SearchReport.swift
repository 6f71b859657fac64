import Foundation
import SequenceNet
import WorkbookData

/// The ranked outcome of a search: `<out>/ch11-cnn-search.report.json`, which the chapter quotes.
public struct SearchReport: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public let rank: Int
        public let index: Int
        public let configuration: String
        public let valMAE: Double
        public let valLoss: Double
        public let epochs: Int
        public let bestEpoch: Int
        public let kernelSize: Int
        public let convolutionLayers: Int

        enum CodingKeys: String, CodingKey {
            case rank, index, configuration, epochs
            case valMAE = "val_mae", valLoss = "val_loss", bestEpoch = "best_epoch"
            case kernelSize = "kernel_size", convolutionLayers = "conv_layers"
        }
    }

    public let section: String
    public let seed: UInt64
    public let configurations: Int
    public let ranked: [Entry]
    public let bookWinner: String
    public let bookWinnerMAE: Double
    /// How the book's winner did in this search, if it was among the configurations.
    public let bookWinnerHere: Entry?
    /// Training seconds summed over configurations (what one worker would have taken).
    public let secondsTraining: Double
    /// The settings the results were made with (reports written before these were recorded lack them).
    public let maxEpochs: Int?
    public let space: String?
    public let data: String?
    /// The `ProductPath` of the results (their files' `products` header line).
    public let products: String?
    /// For a merge ranked with --partial: what the search lacked. Absent when it was complete.
    public let incomplete: [String]?

    enum CodingKeys: String, CodingKey {
        case section, seed, configurations, ranked, space, data, products, incomplete
        case bookWinner = "book_winner", bookWinnerMAE = "book_winner_mae", bookWinnerHere =
            "book_winner_here"
        case secondsTraining = "seconds_training", maxEpochs = "max_epochs"
    }

    public static let fileName = "ch11-cnn-search.report.json"
    public static let bookWinner = (summary: "2 conv [64, 32], k5, dense [64, 32], lr 1e-4", mae: 4.4439)

    /// The ranking of `results`, made with `settings`; `gaps` names what an incomplete search lacked.
    public init(settings: SearchSettings, results: [SearchResult], gaps: [String] = []) {
        section = "ch11-cnn-search"
        seed = settings.seed
        maxEpochs = settings.epochs
        space = settings.space.narrowing
        data = settings.data
        products = settings.products
        incomplete = gaps.isEmpty ? nil : gaps
        configurations = results.count
        ranked = ResultsFile.ranked(results).enumerated().map { position, result in
            let configuration = result.configuration
            return Entry(
                rank: position + 1, index: result.index, configuration: configuration.summary,
                valMAE: result.validationMAE, valLoss: result.validationLoss, epochs: result.epochs,
                bestEpoch: result.bestEpoch, kernelSize: configuration.kernelSize,
                convolutionLayers: configuration.convolutionLayers)
        }
        bookWinner = Self.bookWinner.summary
        bookWinnerMAE = Self.bookWinner.mae
        bookWinnerHere = ranked.first { $0.configuration == Self.bookWinner.summary }
        secondsTraining = results.reduce(0) { $0 + $1.seconds }
    }

    public func write(toFolder folder: String) throws -> String {
        try ReportFile.write(self, named: Self.fileName, inFolder: folder)
    }

    /// The ranked table as the program prints it.
    public func table(top: Int) -> String {
        var lines = ["rank  index  val MAE  epochs  configuration"]
        for entry in ranked.prefix(top) {
            lines.append(
                String(format: "%4d  %5d  %7.4f  %6d  ", entry.rank, entry.index, entry.valMAE, entry.epochs)
                    + entry.configuration)
        }
        return lines.joined(separator: "\n")
    }
}

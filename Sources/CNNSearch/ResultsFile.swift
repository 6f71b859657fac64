import Foundation
import WorkbookData

/// The results file: a header recording the settings, then one tab-separated line per finished
/// configuration, appended as each finishes, so that an interrupted search can resume and shards can
/// be merged.
///
///     # ch11-cnn-search results
///     # seed: 42
///     # epochs: 100
///     # space: conv-layers 1,2; kernel-sizes 3,5; learning-rates 1e-3,1e-4
///     # shard: 0/1
///     # data: sha256 5d41...
///     # products: oneDNN 2.6.3, AVX2 kernels, 1 thread per product
///     index  epochs  best_epoch  val_loss  val_mae  seconds  configuration
///     17     57      47          33.1853   4.4439   1.2      2 conv [64, 32], k5, dense [64, 32], lr 1e-4
public enum ResultsFile {
    static let title = "# ch11-cnn-search results"
    static let columns = "index\tepochs\tbest_epoch\tval_loss\tval_mae\tseconds\tconfiguration"

    /// The file's name in its folder: one file per shard, so that shards sharing a folder never share a file.
    public static func name(for shard: SearchShard) -> String {
        shard == .whole
            ? "ch11-cnn-search.results.tsv"
            : "ch11-cnn-search.shard-\(shard.k)-of-\(shard.n).results.tsv"
    }

    /// The header of a file made with `settings`, ending with the column names and a newline.
    public static func header(_ settings: SearchSettings) -> String {
        ([title] + settings.lines.map { "# \($0.name): \($0.value)" } + [columns]).joined(separator: "\n")
            + "\n"
    }

    /// One line for `result` (numbers printed in full, so that a merge ranks exactly as the run did).
    public static func line(_ result: SearchResult) -> String {
        [
            String(result.index), String(result.epochs), String(result.bestEpoch),
            String(result.validationLoss),
            String(result.validationMAE), String(format: "%.3f", result.seconds),
            result.configuration.summary,
        ]
        .joined(separator: "\t") + "\n"
    }

    /// A problem with a results file, at a line (0 for the file as a whole).
    public struct Failure: Error, CustomStringConvertible {
        public let file: String, line: Int, problem: String
        public init(file: String, line: Int, problem: String) {
            (self.file, self.line, self.problem) = (file, line, problem)
        }
        public var description: String { line > 0 ? "\(file):\(line): \(problem)" : "\(file): \(problem)" }
    }

    /// What a results file holds.
    public struct Contents: Sendable {
        public let settings: SearchSettings
        public let results: [SearchResult]
        /// Things dropped while reading (a torn last line), each `file:line: what`.
        public let warnings: [String]
        /// The bytes up to the end of the last whole line: where an append may continue.
        public let completeLength: Int
    }

    /// The settings and results in a file's text; `file` names it in messages. A last line without
    /// its newline was being written when a run stopped: it is dropped with a warning.
    public static func parse(_ text: String, file: String) throws -> Contents {
        if let problem = ByteOrderMark.problem(in: text) {
            throw Failure(file: file, line: 1, problem: problem)
        }
        let lastNewline = text.utf8.lastIndex(of: UInt8(ascii: "\n"))
        let completeLength =
            lastNewline.map { text.utf8.distance(from: text.utf8.startIndex, to: $0) + 1 } ?? 0
        // "\r\n" is one Character in Swift, and a newline like "\n".
        let complete = String(decoding: text.utf8.prefix(completeLength), as: UTF8.self)
        var lines = complete.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        lines.removeLast()  // the empty text after the last newline
        var warnings: [String] = []
        if completeLength < text.utf8.count {
            warnings.append(
                "\(file):\(lines.count + 1): the last line has no newline at its end (a run stopped "
                    + "while writing it): dropped, so that its configuration counts as not yet trained")
        }
        let (settings, firstResultLine) = try parseHeader(lines, file: file)
        var results: [SearchResult] = []
        var seen = Set<Int>()
        let allowed = Set(settings.configurations.map(\.index))
        for number in firstResultLine..<lines.count where !lines[number].isEmpty {
            let fail = { (problem: String) in Failure(file: file, line: number + 1, problem: problem) }
            let result = try parseResult(lines[number], fail: fail)
            guard allowed.contains(result.index) else {
                throw fail(
                    "configuration \(result.index) is not among those this file's search trains "
                        + "(space \(settings.space.narrowing), shard \(settings.shard))")
            }
            guard result.epochs <= settings.epochs else {
                throw fail("\(result.epochs) epochs, more than the file's limit of \(settings.epochs)")
            }
            guard seen.insert(result.index).inserted else {
                throw fail("configuration \(result.index) appears twice")
            }
            results.append(result)
        }
        return Contents(
            settings: settings, results: results, warnings: warnings, completeLength: completeLength)
    }

    /// The settings from the comment lines before the column names, and the line after those.
    static func parseHeader(_ lines: [Substring], file: String) throws -> (SearchSettings, Int) {
        guard lines.first == Substring(title) else {
            throw Failure(
                file: file, line: 1,
                problem: "not a ch11-cnn-search results file (expected '\(title)')")
        }
        var values: [String: String] = [:]
        for number in 1..<lines.count {
            let line = lines[number]
            if line == Substring(columns) {
                switch SearchSettings.parse(values) {
                case .success(let settings): return (settings, number + 1)
                case .failure(let problem): throw Failure(file: file, line: number + 1, problem: problem.text)
                }
            }
            guard line.hasPrefix("# "), let colon = line.firstIndex(of: ":") else {
                throw Failure(
                    file: file, line: number + 1,
                    problem: "expected '# setting: value' or the column names")
            }
            let name = String(line[line.index(line.startIndex, offsetBy: 2)..<colon])
            guard SearchSettings.names.contains(name), values[name] == nil else {
                throw Failure(file: file, line: number + 1, problem: "unknown or repeated setting '\(name)'")
            }
            values[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        throw Failure(file: file, line: lines.count, problem: "the header ends before the column names")
    }

    /// One result line, every field checked.
    static func parseResult(_ line: Substring, fail: (String) -> Failure) throws -> SearchResult {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 7 else { throw fail("expected 7 tab-separated fields, found \(fields.count)") }
        guard let index = Int(fields[0]), SearchSpace.book.indices.contains(index) else {
            throw fail("'\(fields[0])' is not a configuration index (0 to \(SearchSpace.book.count - 1))")
        }
        guard let epochs = Int(fields[1]), epochs > 0, let best = Int(fields[2]), (1...epochs).contains(best)
        else {
            throw fail(
                "epochs '\(fields[1])' and best epoch '\(fields[2])' must be whole numbers "
                    + "with 1 <= best <= epochs"
            )
        }
        // A loss, an absolute error and a duration are finite and never negative.
        var measures: [Double] = []
        for (name, field) in zip(["val_loss", "val_mae", "seconds"], fields[3...5]) {
            guard let value = Double(field), value.isFinite, value >= 0 else {
                throw fail("\(name) '\(field)' is not a finite number >= 0")
            }
            measures.append(value)
        }
        guard fields[6] == SearchSpace.book[index].summary else {
            throw fail(
                "configuration \(index) is '\(SearchSpace.book[index].summary)', the file says '\(fields[6])'"
            )
        }
        return SearchResult(
            index: index, epochs: epochs, bestEpoch: best, validationLoss: measures[0],
            validationMAE: measures[1], seconds: measures[2])
    }

    public static func read(_ path: String) throws -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(file: path, line: 0, problem: "cannot read the file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Results best first: lowest validation MAE, then lowest index.
    public static func ranked(_ results: [SearchResult]) -> [SearchResult] {
        results.sorted { ($0.validationMAE, $0.index) < ($1.validationMAE, $1.index) }
    }
}

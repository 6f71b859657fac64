import Foundation

/// What training one configuration gave: measured on the weights of its best validation epoch.
public struct SearchResult: Equatable, Sendable {
    public let index: Int
    public let epochs: Int
    public let bestEpoch: Int
    public let validationLoss: Double
    public let validationMAE: Double
    public let seconds: Double

    public init(index: Int, epochs: Int, bestEpoch: Int, validationLoss: Double, validationMAE: Double, seconds: Double) {
        self.index = index
        self.epochs = epochs
        self.bestEpoch = bestEpoch
        self.validationLoss = validationLoss
        self.validationMAE = validationMAE
        self.seconds = seconds
    }

    public var configuration: SearchConfiguration { SearchSpace.book[index] }
}

/// The results file: one tab-separated line per finished configuration, appended as each finishes,
/// so that an interrupted search can resume and shards can be merged.
///
///     # ch11-cnn-search results
///     index  epochs  best_epoch  val_loss  val_mae  seconds  configuration
///     17     57      47          33.1853   4.4439   1.2      2 conv [64, 32], k5, dense [64, 32], lr 1e-4
public enum ResultsFile {
    public static let header = "# ch11-cnn-search results\nindex\tepochs\tbest_epoch\tval_loss\tval_mae\tseconds\tconfiguration\n"

    /// One line for `result` (numbers printed in full, so that a merge ranks exactly as the run did).
    public static func line(_ result: SearchResult) -> String {
        [String(result.index), String(result.epochs), String(result.bestEpoch), String(result.validationLoss),
         String(result.validationMAE), String(format: "%.3f", result.seconds), result.configuration.summary]
            .joined(separator: "\t") + "\n"
    }

    public struct Failure: Error, CustomStringConvertible {
        public let file: String, line: Int, problem: String
        public var description: String { "\(file):\(line): \(problem)" }
    }

    /// The results in a file's text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws -> [SearchResult] {
        var results: [SearchResult] = []
        var seen = Set<Int>()
        // "\r\n" is one Character in Swift, and a newline like "\n".
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (number, line) in lines.enumerated() {
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("index\t") { continue }
            func fail(_ problem: String) -> Failure { Failure(file: file, line: number + 1, problem: problem) }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 7 else { throw fail("expected 7 tab-separated fields, found \(fields.count)") }
            guard let index = Int(fields[0]), SearchSpace.book.indices.contains(index) else {
                throw fail("'\(fields[0])' is not a configuration index (0 to \(SearchSpace.book.count - 1))")
            }
            guard let epochs = Int(fields[1]), epochs > 0, let best = Int(fields[2]), (1...epochs).contains(best) else {
                throw fail("epochs '\(fields[1])' and best epoch '\(fields[2])' must be whole numbers with 1 <= best <= epochs")
            }
            guard let loss = Double(fields[3]), loss.isFinite, let mae = Double(fields[4]), mae.isFinite,
                  let seconds = Double(fields[5]) else {
                throw fail("val_loss, val_mae and seconds must be numbers")
            }
            guard fields[6] == SearchSpace.book[index].summary else {
                throw fail("configuration \(index) is '\(SearchSpace.book[index].summary)', the file says '\(fields[6])'")
            }
            guard seen.insert(index).inserted else { throw fail("configuration \(index) appears twice") }
            results.append(SearchResult(index: index, epochs: epochs, bestEpoch: best, validationLoss: loss,
                                        validationMAE: mae, seconds: seconds))
        }
        return results
    }

    public static func read(_ path: String) throws -> [SearchResult] {
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

/// Appends lines to a results file, one whole line per write, so that an interruption leaves every
/// finished configuration on disk and never half a line.
public final class ResultsAppender: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    /// Opens `path` for appending, writing the header first when the file is new or empty.
    public init(path: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let size = ((try? manager.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        guard size > 0 || manager.createFile(atPath: path, contents: Data(ResultsFile.header.utf8)),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw ResultsFile.Failure(file: path, line: 0, problem: "cannot open the file for writing")
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    public func append(_ result: SearchResult) {
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data(ResultsFile.line(result).utf8))
    }

    deinit { try? handle.close() }
}

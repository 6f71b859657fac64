import Foundation

/// The results files of one search's shards, checked to belong together before they are ranked:
/// the same settings (seed, epochs, space, data, number of shards), each shard at most once.
public struct MergedResults: Sendable {
    /// The files' common settings, as of the whole search.
    public let settings: SearchSettings
    public let results: [SearchResult]
    /// What the files lack: shards without a file, files without all their configurations.
    public let gaps: [String]
    /// Lines dropped while reading (a torn last line), `file:line: what`.
    public let warnings: [String]

    /// Reads `files`; refuses results of different settings, naming the file and the setting.
    public static func read(_ files: [String]) throws -> MergedResults {
        // A file named twice (or once as itself and once inside a folder given) is one shard, not two.
        var named = Set<String>()
        for file in files where !named.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted {
            throw ResultsFile.Failure(
                file: file, line: 0,
                problem: "is given to --merge more than once; name each shard's file once")
        }
        let contents = try files.map(ResultsFile.read)
        guard let reference = contents.first?.settings else { throw SearchError("no results files to merge") }
        var byShard: [SearchShard: String] = [:]
        var gaps: [String] = []
        for (file, content) in zip(files, contents) {
            var differences = reference.differences(from: content.settings, ignoringShard: true)
            if content.settings.shard.n != reference.shard.n {
                differences.append(("shard", reference.shard.description, content.settings.shard.description))
            }
            guard differences.isEmpty else {
                let made = differences.map { "\($0.name) \($0.there)" }.joined(separator: ", ")
                let first = differences.map { "\($0.name) \($0.here)" }.joined(separator: ", ")
                throw ResultsFile.Failure(
                    file: file, line: 0,
                    problem: "made with \(made), but \(files[0]) "
                        + "with \(first): only the shards of one search can be merged")
            }
            if let earlier = byShard.updateValue(file, forKey: content.settings.shard) {
                throw ResultsFile.Failure(
                    file: file, line: 0,
                    problem: "holds shard \(content.settings.shard), as \(earlier) does")
            }
            let expected = content.settings.configurations.count
            if content.results.count < expected {
                gaps.append("\(file) holds \(content.results.count) of its \(expected) configurations")
            }
        }
        let absent = reference.shard.siblings.filter { byShard[$0] == nil }
        if !absent.isEmpty {
            gaps.insert("no file for shard " + absent.map(\.description).joined(separator: ", "), at: 0)
        }
        var settings = reference
        settings.shard = .whole
        return MergedResults(
            settings: settings, results: contents.flatMap(\.results), gaps: gaps,
            warnings: contents.flatMap(\.warnings))
    }

    /// The results files in `folder` (a shard's files end in `.results.tsv`), for `--merge DIR`.
    public static func files(inFolder folder: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        return names.filter { $0.hasPrefix("ch11-cnn-search") && $0.hasSuffix(".results.tsv") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }
}

/// A refusal that is not a usage mistake: printed as a plain message, with a non-zero exit.
public struct SearchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

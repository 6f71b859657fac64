import Foundation

/// How a search's results file stood when the search began.
public enum SearchStart: Equatable, Sendable {
    /// `--resume` on a file with results: these are done, and the file ends after the last whole one.
    case resumed([SearchResult])
    /// A new file under the settings' header; an earlier file there was kept under this name, if any.
    case fresh(kept: String?)

    /// The results the search need not train again.
    public var done: [SearchResult] {
        if case .resumed(let done) = self { return done }
        return []
    }
}

extension ResultsAppender {
    /// Readies the results file for a search with `settings`. With `resume`, a file that holds results
    /// must have been made with the same settings (else the search is refused, naming both); it keeps its
    /// whole results and loses an unfinished last line. Otherwise the file starts afresh, and a new search
    /// never destroys an old one: an earlier file is kept beside the new. `warn` hears what the file's
    /// reader noticed but let pass.
    public func begin(
        _ settings: SearchSettings, resume: Bool, warn: (String) -> Void
    ) throws -> SearchStart {
        let existing = try currentText()
        guard resume && !existing.isEmpty else {
            return .fresh(kept: try start(header: ResultsFile.header(settings)))
        }
        let contents = try ResultsFile.parse(existing, file: path)
        let differences = contents.settings.differences(from: settings)
        guard differences.isEmpty else {
            let made = differences.map { "\($0.name) \($0.here)" }.joined(separator: ", ")
            let asked = differences.map { "\($0.name) \($0.there)" }.joined(separator: ", ")
            throw SearchError(
                "\(path): made with \(made), but this run has \(asked); --resume continues "
                    + "a search only with the settings in the file's header")
        }
        contents.warnings.forEach(warn)
        try truncate(to: contents.completeLength)
        return .resumed(contents.results)
    }
}

extension MergedResults {
    /// The shards named by `--merge` (files, or folders of them), checked to be one search, made from the
    /// data `fingerprint` describes, and complete unless `partial`; with the files read. `warn` hears what
    /// the readers let pass and, with `partial`, which configurations are missing.
    public static func gather(
        _ arguments: [String], fingerprint: String, partial: Bool, warn: (String) -> Void
    ) throws -> (merged: MergedResults, files: [String]) {
        var files: [String] = []
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder),
                isFolder.boolValue
            else {
                files.append(argument)
                continue
            }
            let found = try MergedResults.files(inFolder: argument)
            guard !found.isEmpty else {
                throw SearchError("\(argument): holds no ch11-cnn-search results files")
            }
            files += found
        }
        let merged = try MergedResults.read(files)
        merged.warnings.forEach(warn)
        guard merged.settings.data == fingerprint else {
            throw SearchError(
                "\(files[0]): made from other data (\(merged.settings.data)) than this program "
                    + "trains on (\(fingerprint))")
        }
        if !merged.gaps.isEmpty {
            let gaps = merged.gaps.joined(separator: "; ")
            guard partial else {
                throw SearchError("the search is incomplete: \(gaps); --partial ranks what there is")
            }
            warn("ranking an incomplete search (--partial): \(gaps)")
        }
        return (merged, files)
    }
}

import CNNSearch
import Foundation
import Testing

/// The results file's one writer: its lock, what it keeps of an earlier search, whole lines.
@Suite struct ResultsAppenderTests {
    let path: String = {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "appender-\(UUID().uuidString)")
        return folder + "/" + ResultsFile.name(for: .whole)
    }()
    let header = ResultsFile.header(
        SearchSettings(seed: 42, epochs: 100, space: SearchSpace(), data: "sha256 0"))
    func result(_ index: Int = 3) -> SearchResult {
        SearchResult(index: index, epochs: 5, bestEpoch: 2, validationLoss: 3, validationMAE: 4, seconds: 1)
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func aSecondWriterIsRefusedWhileTheFirstLives() throws {
        var first: ResultsAppender? = try ResultsAppender(path: path)
        #expect(throws: ResultsFile.Failure.self) { try ResultsAppender(path: path) }
        #expect(first?.path == path)
        first = nil  // its lock goes with it
        #expect(throws: Never.self) { try ResultsAppender(path: path) }
    }

    @Test func aNewSearchKeepsEveryEarlierOne() throws {
        for round in 1...3 {
            let appender = try ResultsAppender(path: path)
            let kept = try appender.start(header: header)
            #expect(kept == [nil, path + ".previous", path + ".previous.2"][round - 1])
            for index in 0..<round { try appender.append(result(index)) }
        }
        #expect(try text(path + ".previous") == header + ResultsFile.line(result(0)))
        #expect(
            try text(path + ".previous.2") == header + ResultsFile.line(result(0))
                + ResultsFile.line(result(1)))
        #expect(try ResultsFile.read(path).results.count == 3)
    }

    @Test func appendingAfterATornLineContinuesOnAWholeLine() throws {
        let appender = try ResultsAppender(path: path)
        _ = try appender.start(header: header)
        try appender.append(result())
        let torn = try text(path) + "4\t5\t2\t3.5"
        try torn.write(toFile: path, atomically: false, encoding: .utf8)
        let contents = try ResultsFile.parse(try appender.currentText(), file: path)
        try appender.truncate(to: contents.completeLength)
        try appender.append(result(4))
        #expect(try ResultsFile.read(path).results.map(\.index) == [3, 4])
    }

    /// `--resume`: the file's whole results are kept and its torn line cut; other settings are refused,
    /// and without `--resume` the search starts afresh beside the old file.
    @Test func aResumedSearchKeepsWholeResultsOfItsOwnSettingsOnly() throws {
        let settings = SearchSettings(seed: 42, epochs: 100, space: SearchSpace(), data: "sha256 0")
        var warnings: [String] = []
        do {
            let appender = try ResultsAppender(path: path)
            #expect(
                try appender.begin(settings, resume: true, warn: { warnings.append($0) }) == .fresh(kept: nil)
            )
            try appender.append(result(3))
            try (try text(path) + "4\t5\t2").write(toFile: path, atomically: false, encoding: .utf8)
        }
        let appender = try ResultsAppender(path: path)
        var other = settings
        other.seed = 7
        #expect(throws: SearchError.self) { try appender.begin(other, resume: true, warn: { _ in }) }
        #expect(
            try appender.begin(settings, resume: true, warn: { warnings.append($0) }) == .resumed([result(3)])
        )
        #expect(try text(path) == header + ResultsFile.line(result(3)))
        #expect(!warnings.isEmpty, "the torn line is mentioned")
        #expect(
            try appender.begin(settings, resume: false, warn: { _ in }) == .fresh(kept: path + ".previous"))
    }
}

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
}

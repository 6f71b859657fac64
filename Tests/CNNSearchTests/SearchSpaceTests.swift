import CNNSearch
import Testing

@Suite struct SearchSpaceTests {
    @Test func theBooksSpaceHas48Members() {
        let all = SearchSpace.book
        #expect(all.count == 48)
        #expect(all.allSatisfy { $0.channels.count == $0.convolutionLayers })
        #expect(Set(all.map(\.summary)).count == 48)
        #expect(all.map(\.index) == Array(0..<48))
        #expect(all.contains { $0.summary == "2 conv [64, 32], k5, dense [64, 32], lr 1e-4" })
    }

    @Test func narrowingKeepsTheBooksIndices() {
        var space = SearchSpace()
        space.kernelSizes = [3]
        space.learningRates = [1e-3]
        let narrowed = space.configurations
        #expect(narrowed.count == 12)
        #expect(narrowed.allSatisfy { SearchSpace.book[$0.index] == $0 && $0.kernelSize == 3 && $0.learningRate == 1e-3 })
    }
}

@Suite struct ResultsFileTests {
    let good = ResultsFile.header + ResultsFile.line(SearchResult(index: 47, epochs: 57, bestEpoch: 47, validationLoss: 33.5,
                                                                   validationMAE: 4.4439, seconds: 1.25))
        + ResultsFile.line(SearchResult(index: 0, epochs: 12, bestEpoch: 2, validationLoss: 40, validationMAE: 5.1, seconds: 0.5))

    @Test func readsWhatItWrites() throws {
        let results = try ResultsFile.parse(good, file: "r.tsv")
        #expect(results.map(\.index) == [47, 0])
        #expect(results[0].validationMAE == 4.4439 && results[0].bestEpoch == 47)
        #expect(ResultsFile.ranked(results).map(\.index) == [47, 0])
        // Windows line endings are read the same.
        #expect(try ResultsFile.parse(good.replacingOccurrences(of: "\n", with: "\r\n"), file: "r.tsv") == results)
    }

    @Test(arguments: [
        ("17\t57\t47\t33.5\t4.4\t1.0\n", "r.tsv:3: expected 7 tab-separated fields, found 6"),
        ("99\t57\t47\t33.5\t4.4\t1.0\tx\n", "r.tsv:3: '99' is not a configuration index (0 to 47)"),
        ("1\t5\t9\t33.5\t4.4\t1.0\tx\n", "r.tsv:3: epochs '5' and best epoch '9' must be whole numbers with 1 <= best <= epochs"),
        ("1\t5\t2\tabc\t4.4\t1.0\tx\n", "r.tsv:3: val_loss, val_mae and seconds must be numbers"),
        ("1\t5\t2\t3.5\t4.4\t1.0\t2 conv [64, 32], k5, dense [64, 32], lr 1e-4\n",
         "r.tsv:3: configuration 1 is '1 conv [32], k3, dense [16], lr 1e-4', the file says '2 conv [64, 32], k5, dense [64, 32], lr 1e-4'"),
    ])
    func malformedLinesAreNamed(line: String, message: String) {
        let text = ResultsFile.header + line
        #expect(throws: ResultsFile.Failure.self) { try ResultsFile.parse(text, file: "r.tsv") }
        do { _ = try ResultsFile.parse(text, file: "r.tsv") } catch { #expect("\(error)" == message) }
    }

    @Test func duplicatesAreRefused() {
        let line = ResultsFile.line(SearchResult(index: 3, epochs: 5, bestEpoch: 2, validationLoss: 3, validationMAE: 4, seconds: 1))
        do {
            _ = try ResultsFile.parse(ResultsFile.header + line + line, file: "r.tsv")
            Issue.record("a duplicated configuration was accepted")
        } catch { #expect("\(error)" == "r.tsv:4: configuration 3 appears twice") }
    }
}

import CNNSearch
import Foundation
import Testing

@Suite struct ResultsFileTests {
    /// The book's space at 100 epochs, on made-up data.
    static let settings = SearchSettings(seed: 42, epochs: 100, space: SearchSpace(), data: "sha256 abc")
    static let header = ResultsFile.header(settings)
    /// Lines 1 to 7 are the header; results start on line 8.
    let good =
        header
        + ResultsFile.line(
            SearchResult(
                index: 47, epochs: 57, bestEpoch: 47, validationLoss: 33.5,
                validationMAE: 4.4439, seconds: 1.25))
        + ResultsFile.line(
            SearchResult(
                index: 0, epochs: 12, bestEpoch: 2, validationLoss: 40, validationMAE: 5.1, seconds: 0.5))

    @Test func readsWhatItWrites() throws {
        let contents = try ResultsFile.parse(good, file: "r.tsv")
        #expect(contents.settings == Self.settings && contents.warnings.isEmpty)
        let results = contents.results
        #expect(results.map(\.index) == [47, 0])
        #expect(results[0].validationMAE == 4.4439 && results[0].bestEpoch == 47)
        #expect(ResultsFile.ranked(results).map(\.index) == [47, 0])
        // Windows line endings are read the same.
        #expect(
            try ResultsFile.parse(good.replacingOccurrences(of: "\n", with: "\r\n"), file: "r.tsv").results
                == results)
    }

    @Test func narrowedSettingsAndShardsRoundTrip() throws {
        var space = SearchSpace()
        (space.convolutionLayers, space.kernelSizes, space.learningRates) = ([2], [3, 5], [1e-4])
        let settings = SearchSettings(
            seed: 7, epochs: 5, space: space, shard: SearchShard("2/3")!, data: "sha256 0")
        #expect(try ResultsFile.parse(ResultsFile.header(settings), file: "r.tsv").settings == settings)
        #expect(ResultsFile.name(for: settings.shard) == "ch11-cnn-search.shard-2-of-3.results.tsv")
        #expect(settings.configurations.count == 4)  // 12 configurations dealt over 3 shards
        #expect(["3/3", "-1/2", "1", "a/b", "0/0"].allSatisfy { SearchShard($0) == nil })
    }

    @Test(arguments: [
        ("17\t57\t47\t33.5\t4.4\t1.0\n", "r.tsv:9: expected 7 tab-separated fields, found 6"),
        ("99\t57\t47\t33.5\t4.4\t1.0\tx\n", "r.tsv:9: '99' is not a configuration index (0 to 47)"),
        (
            "1\t5\t9\t33.5\t4.4\t1.0\tx\n",
            "r.tsv:9: epochs '5' and best epoch '9' must be whole numbers with 1 <= best <= epochs"
        ),
        ("1\t5\t2\tabc\t4.4\t1.0\tx\n", "r.tsv:9: val_loss 'abc' is not a finite number >= 0"),
        ("1\t5\t2\tnan\t4.4\t1.0\tx\n", "r.tsv:9: val_loss 'nan' is not a finite number >= 0"),
        ("1\t5\t2\t3.5\tinf\t1.0\tx\n", "r.tsv:9: val_mae 'inf' is not a finite number >= 0"),
        ("1\t5\t2\t3.5\t-4.4\t1.0\tx\n", "r.tsv:9: val_mae '-4.4' is not a finite number >= 0"),
        ("1\t5\t2\t3.5\t4.4\tnan\tx\n", "r.tsv:9: seconds 'nan' is not a finite number >= 0"),
        ("1\t5\t2\t3.5\t4.4\tinf\tx\n", "r.tsv:9: seconds 'inf' is not a finite number >= 0"),
        ("1\t5\t2\t3.5\t4.4\t-0.5\tx\n", "r.tsv:9: seconds '-0.5' is not a finite number >= 0"),
        (
            "1\t101\t2\t3.5\t4.4\t1.0\t1 conv [32], k3, dense [16], lr 1e-4\n",
            "r.tsv:9: 101 epochs, more than the file's limit of 100"
        ),
        (
            "1\t5\t2\t3.5\t4.4\t1.0\t2 conv [64, 32], k5, dense [64, 32], lr 1e-4\n",
            "r.tsv:9: configuration 1 is '1 conv [32], k3, dense [16], lr 1e-4', "
                + "the file says '2 conv [64, 32], k5, dense [64, 32], lr 1e-4'"
        ),
    ])
    func malformedLinesAreNamed(line: String, message: String) {
        let text = Self.header + line
        #expect(throws: ResultsFile.Failure.self) { try ResultsFile.parse(text, file: "r.tsv") }
        do { _ = try ResultsFile.parse(text, file: "r.tsv") } catch { #expect("\(error)" == message) }
    }

    @Test func resultsOutsideTheFilesSearchAreRefused() {
        var space = SearchSpace()
        space.kernelSizes = [5]
        let text =
            ResultsFile.header(SearchSettings(seed: 42, epochs: 100, space: space, data: "sha256 abc"))
            + ResultsFile.line(
                SearchResult(
                    index: 0, epochs: 5, bestEpoch: 2, validationLoss: 3, validationMAE: 4, seconds: 1))
        #expect(throws: ResultsFile.Failure.self) { try ResultsFile.parse(text, file: "r.tsv") }
    }

    @Test func duplicatesAreRefused() {
        let line = ResultsFile.line(
            SearchResult(index: 3, epochs: 5, bestEpoch: 2, validationLoss: 3, validationMAE: 4, seconds: 1))
        do {
            _ = try ResultsFile.parse(Self.header + line + line, file: "r.tsv")
            Issue.record("a duplicated configuration was accepted")
        } catch { #expect("\(error)" == "r.tsv:10: configuration 3 appears twice") }
    }

    @Test(arguments: [1, 12])
    func aTornLastLineIsDroppedWithAWarning(cut: Int) throws {
        let torn = String(good.dropLast(cut))
        let contents = try ResultsFile.parse(torn, file: "r.tsv")
        #expect(contents.results.map(\.index) == [47])
        #expect(
            contents.warnings.count == 1
                && contents.warnings[0].hasPrefix("r.tsv:10: the last line has no newline"))
        // An append continues after the last whole line.
        #expect(
            contents.completeLength == good.utf8.count
                - ResultsFile.line(
                    SearchResult(
                        index: 0, epochs: 12, bestEpoch: 2, validationLoss: 40, validationMAE: 5.1,
                        seconds: 0.5)
                ).utf8.count)
    }

    @Test(arguments: [
        (
            "# ch11-cnn-search results\n"
                + "index\tepochs\tbest_epoch\tval_loss\tval_mae\tseconds\tconfiguration\n",
            "r.tsv:2: the header does not record seed, epochs, space, shard, data, products: "
                + "it was not written by this version of ch11-cnn-search"
        ),
        (
            "index\tepochs\n",
            "r.tsv:1: not a ch11-cnn-search results file (expected '# ch11-cnn-search results')"
        ),
        (
            "# ch11-cnn-search results\n# seed: 42\n# colour: red\n",
            "r.tsv:3: unknown or repeated setting 'colour'"
        ),
    ])
    func headersWithoutTheSettingsAreRefused(text: String, message: String) {
        do {
            _ = try ResultsFile.parse(text, file: "r.tsv")
            Issue.record("accepted: \(text)")
        } catch { #expect("\(error)" == message) }
    }

    /// A byte-order mark is invisible: the message names it rather than quote a title that looks right.
    @Test func aByteOrderMarkIsNamed() {
        do {
            _ = try ResultsFile.parse("\u{FEFF}# ch11-cnn-search results\n", file: "r.tsv")
            Issue.record("accepted a byte-order mark")
        } catch { #expect("\(error)".hasPrefix("r.tsv:1: the file starts with a UTF-8 byte-order mark")) }
    }
}

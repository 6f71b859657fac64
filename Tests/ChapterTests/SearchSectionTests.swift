import CNNSearch
import Foundation
import Testing
import WorkbookData

/// `ch11-cnn-search --quick`: it ranks, resumes and merges shards to the same answer as one whole run.
@Suite struct SearchSectionTests {
    func quick(_ arguments: [String], folder: String) throws -> (SectionRun, [SearchReport.Entry]) {
        let run = try SectionRun.run(
            "ch11-cnn-search", ["--quick", "--no-figures", "--out", folder] + arguments)
        #expect(run.status == 0, "\(run.standardError)")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + SearchReport.fileName))
        return (run, try JSONDecoder().decode(SearchReport.self, from: data).ranked)
    }

    func ranking(_ entries: [SearchReport.Entry]) -> [String] {
        entries.map { "\($0.index) \($0.valMAE) \($0.epochs)" }
    }

    @Test func quickSearchRanksAndResumesAndMerges() throws {
        let whole = SectionRun.temporaryFolder("search-whole")
        let (run, ranked) = try quick([], folder: whole)
        #expect(ranked.count == 6 && ranked.map(\.valMAE) == ranked.map(\.valMAE).sorted())
        #expect(run.standardOutput.contains("Winner: \(ranked[0].configuration)"))
        #expect(FileManager.default.fileExists(atPath: whole + "/fig-11-05b-search-ranking.gp"))
        // The winner learned: it kept improving after its first epoch and beats predicting the
        // training targets' mean for every validation window.
        let split = try BookSplit(
            try WindowedSeries(series: SyntheticSeries.make(), windowSize: 30), split: 1000,
            exampleShape: [1, 29])
        let mean = split.train.targets.reduce(0, +) / Float(split.train.count)
        let meanMAE = meanAbsoluteError(
            [Float](repeating: mean, count: split.validation.count), split.validation.targets)
        #expect(
            ranked[0].bestEpoch > 1 && ranked[0].valMAE < meanMAE / 2,
            "winner \(ranked[0].valMAE), the mean's \(meanMAE)")

        // An interrupted search: the header and the first two results survive.
        let resultsName = ResultsFile.name(for: .whole)
        let lines = try String(contentsOfFile: whole + "/" + resultsName, encoding: .utf8).split(
            separator: "\n")
        let headerCount = lines.prefix { $0.hasPrefix("#") || $0.hasPrefix("index\t") }.count
        let partial = SectionRun.temporaryFolder("search-resume")
        try (lines.prefix(headerCount + 2).joined(separator: "\n") + "\n")
            .write(toFile: partial + "/" + resultsName, atomically: true, encoding: .utf8)
        let (resumed, resumedRanking) = try quick(["--resume"], folder: partial)
        #expect(resumed.standardOutput.contains("Resuming: 2 of 6"))
        #expect(ranking(resumedRanking) == ranking(ranked))

        // Two shards, then merged: by naming their files, or their folder when they share one. The
        // settings come from the files.
        let first = SectionRun.temporaryFolder("search-shard0"),
            second = SectionRun.temporaryFolder("search-shard1")
        for (k, folder) in [(0, first), (1, second)] {
            let shard = try SectionRun.run(
                "ch11-cnn-search", ["--quick", "--no-figures", "--out", folder, "--shard", "\(k)/2"])
            #expect(shard.status == 0, "\(shard.standardError)")
        }
        let files = [
            first + "/" + ResultsFile.name(for: SearchShard("0/2")!),
            second + "/" + ResultsFile.name(for: SearchShard("1/2")!),
        ]
        let merged = SectionRun.temporaryFolder("search-merged")
        try FileManager.default.copyItem(
            atPath: files[1], toPath: first + "/" + ResultsFile.name(for: SearchShard("1/2")!))
        for sources in [files, [first]] {
            let run = try SectionRun.run(
                "ch11-cnn-search", ["--no-figures", "--out", merged, "--merge"] + sources)
            #expect(run.status == 0, "\(run.standardError)")
            let data = try Data(contentsOf: URL(fileURLWithPath: merged + "/" + SearchReport.fileName))
            #expect(
                ranking(try JSONDecoder().decode(SearchReport.self, from: data).ranked) == ranking(ranked))
        }
    }

    @Test func malformedResultsFileIsReportedWithItsLine() throws {
        let folder = SectionRun.temporaryFolder("search-bad")
        let split = try BookSplit(
            try WindowedSeries(series: SyntheticSeries.make(), windowSize: 30), split: 1000,
            exampleShape: [1, 29])
        var space = SearchSpace()
        (space.convolutionLayers, space.kernelSizes, space.learningRates) = ([1], [3], [1e-3])
        let settings = SearchSettings(seed: 42, epochs: 5, space: space, data: DataFingerprint.of(split))
        try
            (ResultsFile.header(settings)
            + "0\t5\t2\tnot-a-number\t4.4\t1.0\t1 conv [32], k3, dense [16], lr 1e-3\n")
            .write(toFile: folder + "/ch11-cnn-search.results.tsv", atomically: true, encoding: .utf8)
        let run = try SectionRun.run(
            "ch11-cnn-search", ["--quick", "--resume", "--no-figures", "--out", folder])
        #expect(run.status != 0)
        #expect(
            run.standardError.contains(
                "ch11-cnn-search.results.tsv:9: val_loss 'not-a-number' is not a finite number >= 0"),
            "\(run.standardError)")
    }

    /// A bad --shard says what is wrong with it (a negative K used to read as a missing value).
    @Test(arguments: [
        ("-1/2", "K counts shards from 0, so it cannot be negative"), ("2/2", "K must be below N"),
        ("1/0", "N, the number of shards, must be at least 1"), ("one/2", "it is not two whole numbers K/N"),
    ])
    func aBadShardIsExplained(shard: String, why: String) throws {
        let run = try SectionRun.run("ch11-cnn-search", ["--shard", shard, "--no-figures", "--out", "/tmp"])
        #expect(run.status == 64)
        #expect(run.standardError.contains(why), "\(run.standardError)")
        #expect(run.standardError.contains("give K/N with 0 <= K < N"))
    }

    @Test func narrowingIsValidated() throws {
        let run = try SectionRun.run(
            "ch11-cnn-search",
            ["--kernel-sizes", "3,7", "--no-figures", "--out", SectionRun.temporaryFolder("search-narrow")])
        #expect(run.status != 0)
        #expect(run.standardError.contains("--kernel-sizes: '7' is not one of the book's values [3, 5]"))
    }

    @Test func narrowedSearchesTakeAnyBookValueAndShardEvenly() throws {
        // --quick narrows to width 3; asking for the book's other width is allowed, and two shards of the
        // six configurations it leaves train three each.
        for k in 0..<2 {
            let run = try SectionRun.run(
                "ch11-cnn-search",
                [
                    "--quick", "--kernel-sizes", "5", "--epochs", "1", "--no-figures",
                    "--shard", "\(k)/2", "--out", SectionRun.temporaryFolder("search-shard-even"),
                ])
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput.contains("Training 3 configurations"), "\(run.standardOutput)")
            #expect(run.standardOutput.contains("k5"))
        }
    }

    /// --no-progress, the shared option the search used to lack, leaves out the line per configuration.
    @Test func noProgressLeavesOutTheLinePerConfiguration() throws {
        func search(_ extra: [String]) throws -> String {
            let folder = SectionRun.temporaryFolder("search-progress")
            let arguments = ["--quick", "--epochs", "1", "--no-figures", "--out", folder] + extra
            let run = try SectionRun.run("ch11-cnn-search", arguments)
            #expect(run.status == 0, "\(run.standardError)")
            return run.standardOutput
        }
        let shown = try search([]), quiet = try search(["--no-progress"])
        #expect(shown.contains("[ 6/6] "), "\(shown)")
        #expect(!quiet.contains("/6] ") && quiet.contains("Winner: "), "\(quiet)")
    }
}

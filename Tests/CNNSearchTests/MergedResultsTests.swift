import CNNSearch
import Foundation
import Testing

/// `MergedResults` on shard files written into a temporary folder.
@Suite struct MergedResultsTests {
    let folder: String = {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("merge-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// The quick search's space (6 configurations), shard `shard`, every result of its share unless `drop`.
    func shardFile(
        _ shard: String, seed: UInt64 = 42, drop: Int = 0,
        products: String = "oneDNN 2.6.3, AVX2 kernels, 1 thread per product"
    ) throws -> String {
        var space = SearchSpace()
        (space.convolutionLayers, space.kernelSizes, space.learningRates) = ([1], [3], [1e-3])
        let settings = SearchSettings(
            seed: seed, epochs: 5, space: space, shard: SearchShard(shard)!, data: "sha256 d",
            products: products)
        let lines = settings.configurations.dropLast(drop).map {
            ResultsFile.line(
                SearchResult(
                    index: $0.index, epochs: 5, bestEpoch: 3, validationLoss: 30,
                    validationMAE: 5 + Double($0.index) / 100, seconds: 0.1))
        }
        let seedFolder = folder + "/seed-\(seed)"
        try FileManager.default.createDirectory(atPath: seedFolder, withIntermediateDirectories: true)
        let path = seedFolder + "/" + ResultsFile.name(for: settings.shard)
        try (ResultsFile.header(settings) + lines.joined()).write(
            toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func completeShardsMergeToTheWholeSearch() throws {
        let merged = try MergedResults.read([try shardFile("1/2"), try shardFile("0/2")])
        #expect(merged.gaps.isEmpty && merged.results.count == 6 && merged.settings.shard == .whole)
        #expect(try MergedResults.files(inFolder: folder + "/seed-42").count == 2)
    }

    @Test func missingAndIncompleteShardsAreNamed() throws {
        let first = try shardFile("0/3", drop: 1)
        let merged = try MergedResults.read([first])
        #expect(merged.gaps == ["no file for shard 1/3, 2/3", "\(first) holds 1 of its 2 configurations"])
    }

    @Test func shardsOfAnotherSearchAreRefused() throws {
        let (first, other) = (try shardFile("0/2"), try shardFile("1/2", seed: 7))
        do {
            _ = try MergedResults.read([first, other])
            Issue.record("merged shards of two seeds")
        } catch {
            #expect(
                "\(error)"
                    == "\(other): made with seed 7, but \(first) with seed 42: only the shards of one search "
                    + "can be merged")
        }
        let third = try shardFile("0/3")
        #expect(throws: ResultsFile.Failure.self) { try MergedResults.read([first, third]) }
        #expect(throws: ResultsFile.Failure.self) { try MergedResults.read([first, first]) }
    }

    /// Shards whose products ran on other kernels hold other last bits: one search cannot mix them.
    @Test func shardsOfAnotherProductPathAreRefused() throws {
        let first = try shardFile("0/2")
        let other = try shardFile("1/2", products: "oneDNN 2.6.3, AVX512_CORE kernels, 1 thread per product")
        #expect(
            try String(contentsOfFile: other, encoding: .utf8).contains("\n# products: oneDNN 2.6.3, AVX512"))
        do {
            _ = try MergedResults.read([first, other])
            Issue.record("merged shards of two product paths")
        } catch {
            #expect(
                "\(error)"
                    == "\(other): made with products oneDNN 2.6.3, AVX512_CORE kernels, "
                    + "1 thread per product, but \(first) with products oneDNN 2.6.3, AVX2 kernels, "
                    + "1 thread per product: only the shards of one search can be merged")
        }
    }

    /// A shard's file named twice is refused as such, not as two files holding one shard.
    @Test func aFileGivenTwiceIsNamed() throws {
        let (first, second) = (try shardFile("0/2"), try shardFile("1/2"))
        do {
            _ = try MergedResults.read([first, first, second])
            Issue.record("merged a file twice")
        } catch {
            #expect("\(error)" == "\(first): is given to --merge more than once; name each shard's file once")
        }
    }

    /// `--merge` with a folder: its shards are read; other data, or a gap without `--partial`, is refused;
    /// with `--partial` the gap is a warning.
    @Test func gatheringReadsFoldersAndRefusesOtherDataOrGaps() throws {
        let (first, _) = (try shardFile("0/2"), try shardFile("1/2", drop: 1))
        let folder = self.folder + "/seed-42"
        var warnings: [String] = []
        #expect(throws: SearchError.self) {
            try MergedResults.gather([folder], fingerprint: "sha256 other", partial: true, warn: { _ in })
        }
        #expect(throws: SearchError.self) {
            try MergedResults.gather([folder], fingerprint: "sha256 d", partial: false, warn: { _ in })
        }
        let (merged, files) = try MergedResults.gather(
            [folder], fingerprint: "sha256 d", partial: true, warn: { warnings.append($0) })
        #expect(files.count == 2 && files.contains(first) && merged.results.count == 5)
        #expect(warnings.count == 1 && warnings[0].hasPrefix("ranking an incomplete search (--partial): "))
    }
}

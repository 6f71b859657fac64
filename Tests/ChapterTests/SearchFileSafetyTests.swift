import CNNSearch
import Foundation
import Synchronization
import Testing

/// `ch11-cnn-search`'s results files under ordinary abuse: shards sharing a folder, files from other
/// settings, torn and implausible lines. Each run is the quick search at 2 epochs, a few seconds.
@Suite struct SearchFileSafetyTests {
    static let quick = ["--quick", "--epochs", "2", "--no-figures", "--workers", "1"]

    func search(_ arguments: [String], out folder: String) throws -> SectionRun {
        try SectionRun.run("ch11-cnn-search", Self.quick + ["--out", folder] + arguments)
    }

    /// The results files in a folder, full paths, in name order.
    func resultsFiles(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".results.tsv") }
            .sorted().map { folder + "/" + $0 }
    }

    /// A finished quick search in a new folder, and its one results file.
    func finishedSearch(_ name: String) throws -> (folder: String, file: String) {
        let folder = SectionRun.temporaryFolder(name)
        let run = try search([], out: folder)
        #expect(run.status == 0, "\(run.standardError)")
        let files = try resultsFiles(in: folder)
        #expect(files.count == 1, "\(files)")
        return (folder, files[0])
    }

    /// The lines of a results file that hold results (not comments, not the column names).
    static func dataLines(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("index\t") }
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    // Defect 1: shards writing into one folder at the same time keep every result.
    @Test func concurrentShardsInOneFolderKeepEveryResult() throws {
        let folder = SectionRun.temporaryFolder("search-shared")
        let runs = Runs()
        DispatchQueue.concurrentPerform(iterations: 3) { k in
            runs.add(k, Result { try search(["--shard", "\(k)/3"], out: folder) })
        }
        for k in 0..<3 {
            let run = try runs.get(k)
            #expect(run.status == 0, "shard \(k): \(run.standardError)")
        }
        let files = try resultsFiles(in: folder)
        let indices = try files.flatMap { try Self.dataLines(text($0)).map { $0.split(separator: "\t")[0] } }
        #expect(indices.count == 6 && Set(indices).count == 6, "\(files): \(indices)")
        // Merging the folder's files ranks all six (no settings needed: they come from the files).
        let merged = try SectionRun.run(
            "ch11-cnn-search",
            [
                "--no-figures", "--out", SectionRun.temporaryFolder("m"),
                "--merge",
            ] + files)
        #expect(merged.status == 0, "\(merged.standardError)")
        #expect(merged.standardOutput.contains("Top 6 of 6"), "\(merged.standardOutput)")
    }

    // Defect 1: a second run aimed at a file another run is writing stops before it trains.
    @Test func aSecondWriterOfOneFileIsRefused() throws {
        let folder = SectionRun.temporaryFolder("search-locked")
        let holder = try ResultsAppender(path: folder + "/" + ResultsFile.name(for: .whole))
        let run = try search([], out: folder)
        withExtendedLifetime(holder) {
            #expect(run.status != 0)
            #expect(
                run.standardError.contains("another ch11-cnn-search run is writing this file"),
                "\(run.standardError)")
            #expect(!run.standardOutput.contains("Training"))
        }
    }

    // Defect 2: a resume with other settings is refused before any work, naming file and setting.
    @Test(arguments: [
        (["--seed", "7"], "seed"), (["--epochs", "3"], "epochs"), (["--kernel-sizes", "3,5"], "space"),
    ])
    func resumeRefusesOtherSettings(change: [String], setting: String) throws {
        let (folder, file) = try finishedSearch("search-resume-other")
        let report = folder + "/" + SearchReport.fileName
        let before = try Data(contentsOf: URL(fileURLWithPath: report)), results = try text(file)
        let run = try SectionRun.run("ch11-cnn-search", Self.quick + ["--out", folder, "--resume"] + change)
        #expect(run.status != 0)
        #expect(
            run.standardError.contains(file) && run.standardError.contains(setting), "\(run.standardError)")
        #expect(!run.standardError.contains("USAGE"), "a refusal is not a usage error: \(run.standardError)")
        #expect(!run.standardOutput.contains("Training"), "it trained first: \(run.standardOutput)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: report)) == before && text(file) == results)
    }

    // Defect 2: --merge checks the shards it is given: settings, missing shards, empty files.
    @Test func mergeRefusesMismatchedOrIncompleteShards() throws {
        var shards: [String] = []
        for (k, extra) in [(0, [String]()), (1, []), (1, ["--seed", "7"])] {
            let folder = SectionRun.temporaryFolder("search-merge-shard")
            let run = try search(["--shard", "\(k)/2"] + extra, out: folder)
            #expect(run.status == 0, "\(run.standardError)")
            shards.append(try resultsFiles(in: folder)[0])
        }
        func merge(_ arguments: [String]) throws -> SectionRun {
            try SectionRun.run(
                "ch11-cnn-search",
                ["--no-figures", "--out", SectionRun.temporaryFolder("m"), "--merge"]
                    + arguments)
        }
        let half = try merge([shards[0]])
        #expect(
            half.status != 0 && half.standardError.contains("1/2"),
            "\(half.standardOutput)\(half.standardError)")
        let partialOut = SectionRun.temporaryFolder("search-merge-partial")
        let partial = try SectionRun.run(
            "ch11-cnn-search",
            [
                "--no-figures", "--out", partialOut, "--merge", shards[0],
                "--partial",
            ])
        #expect(
            partial.status == 0 && partial.standardOutput.contains("Top 3 of 3"), "\(partial.standardError)")
        // Its report says it is of an incomplete search.
        let report = try JSONDecoder().decode(
            SearchReport.self,
            from: Data(
                contentsOf: URL(
                    fileURLWithPath: partialOut + "/" + SearchReport.fileName)))
        #expect(report.incomplete == ["no file for shard 1/2"] && report.maxEpochs == 2)
        let mixed = try merge([shards[0], shards[2]])
        #expect(mixed.status != 0, "\(mixed.standardOutput)")
        #expect(
            mixed.standardError.contains(shards[2]) && mixed.standardError.contains("seed"),
            "\(mixed.standardError)")
        let whole = try merge([shards[0], shards[1]])
        #expect(whole.status == 0 && whole.standardOutput.contains("Top 6 of 6"), "\(whole.standardError)")

        // A file that holds only its header (a shard stopped before its first result) is incomplete.
        let emptied = SectionRun.temporaryFolder("search-merge-empty") + "/empty.results.tsv"
        let header = try text(shards[1]).split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("#") || $0.hasPrefix("index\t") }
        try (header.joined(separator: "\n") + "\n").write(toFile: emptied, atomically: true, encoding: .utf8)
        let empty = try merge([shards[0], emptied])
        #expect(
            empty.status != 0 && empty.standardError.contains(emptied),
            "\(empty.standardOutput)\(empty.standardError)")
    }

    // Defect 2: a winner that does not retrain to its recorded MAE is refused before any report.
    @Test func winnerMismatchIsRefusedBeforeAnyReport() throws {
        let (_, file) = try finishedSearch("search-tampered")
        var lines = try text(file).components(separatedBy: "\n")
        let last = lines.lastIndex { !$0.isEmpty }!
        var fields = lines[last].components(separatedBy: "\t")
        fields[4] = "0.5"  // val_mae: this configuration now looks like the winner
        lines[last] = fields.joined(separator: "\t")
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let out = SectionRun.temporaryFolder("search-tampered-out")
        let run = try SectionRun.run("ch11-cnn-search", ["--no-figures", "--out", out, "--merge", file])
        #expect(run.status != 0)
        #expect(run.standardError.contains("retrain"), "\(run.standardError)")
        #expect(!run.standardError.contains("USAGE"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out + "/" + SearchReport.fileName))
    }

    // Defect 3: a last line without its newline is dropped with a warning, and --resume retrains it.
    @Test(arguments: [10, 1])
    func tornLastLineIsDroppedAndRetrained(cut: Int) throws {
        let (folder, file) = try finishedSearch("search-torn")
        let whole = try text(file)
        let lines = whole.split(separator: "\n", omittingEmptySubsequences: false)
        // Keep four results; the fourth loses its last `cut` characters (its newline among them).
        let headerCount = lines.prefix { $0.hasPrefix("#") || $0.hasPrefix("index\t") }.count
        let kept = lines.prefix(headerCount + 4).joined(separator: "\n")
        try String(kept.dropLast(cut - 1)).write(toFile: file, atomically: true, encoding: .utf8)
        let run = try SectionRun.run("ch11-cnn-search", Self.quick + ["--out", folder, "--resume"])
        #expect(run.status == 0, "\(run.standardError)")
        let warning = "\(file):\(headerCount + 4):"
        #expect((run.standardError + run.standardOutput).contains(warning), "\(run.standardError)")
        #expect(run.standardOutput.contains("Training 3 configurations"), "\(run.standardOutput)")
        let after = try text(file)
        #expect(after.hasSuffix("\n"))
        let data = Self.dataLines(after)
        #expect(data.count == 6 && data.allSatisfy { $0.split(separator: "\t").count == 7 }, "\(after)")
        func indices(_ lines: [Substring]) -> Set<Substring> { Set(lines.map { $0.prefix { $0 != "\t" } }) }
        #expect(indices(data) == indices(Self.dataLines(whole)))
    }

    // Defect 4: numbers a run cannot have produced are refused with file:line.
    @Test(arguments: [(5, "nan"), (5, "inf"), (5, "-1.0"), (4, "-4.5"), (3, "inf")])
    func implausibleNumbersAreRefused(field: Int, value: String) throws {
        let (folder, file) = try finishedSearch("search-implausible")
        var lines = try text(file).components(separatedBy: "\n")
        let first = lines.firstIndex { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("index\t") }!
        var fields = lines[first].components(separatedBy: "\t")
        fields[field] = value
        lines[first] = fields.joined(separator: "\t")
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let run = try SectionRun.run("ch11-cnn-search", Self.quick + ["--out", folder, "--resume"])
        #expect(run.status != 0)
        #expect(run.standardError.contains("\(file):\(first + 1): "), "\(run.standardError)")
    }
}

/// Section runs made on several threads, kept by number.
private final class Runs: Sendable {
    private let runs = Mutex<[Int: Result<SectionRun, Error>]>([:])
    func add(_ k: Int, _ run: Result<SectionRun, Error>) { runs.withLock { $0[k] = run } }
    func get(_ k: Int) throws -> SectionRun { try runs.withLock { $0[k] }!.get() }
}

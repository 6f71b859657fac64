@testable import ChapterSync
import Foundation
import Testing

/// The chapters cannot drift from the code and the run reports.
@Suite struct ChapterSyncTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Listings must always match. Numbers must match the committed run reports; a report that a
    /// reader regenerated (`make`, `swift run ch11-cnn`) differs from git's copy, and its numbers
    /// are then not held against the chapter, which quotes the committed reference run.
    @Test func committedChaptersAreInSync() throws {
        let sync = ChapterSync(root: Self.packageRoot)
        let files = sync.chapterFiles()
        #expect(!files.isEmpty)
        for file in files {
            var regenerated = Set<String>()
            let drifts = try sync.check(file).filter { drift in
                guard let report = drift.report, Self.locallyModified(report) else { return true }
                regenerated.insert(report)
                return false
            }
            for report in regenerated.sorted() {
                print("note: \(report) was regenerated here; its numbers are not checked against \(file)")
            }
            #expect(
                drifts.isEmpty,
                "\(drifts.map(\.description).joined(separator: "\n")) -- run `swift run chapter-sync --write`"
            )
        }
    }

    /// Whether git says the file differs from its committed version (false without git or a repository).
    static func locallyModified(_ path: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", packageRoot.path, "status", "--porcelain", "--", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 && !text.isEmpty
    }

    /// A small package in a temporary folder: one source with a snippet, one report, one chapter.
    func scratch(chapter: String) throws -> ChapterSync {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "sync-\(UUID().uuidString)")
        for folder in ["Sources/demo", "figures", "chapters"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try """
        func f() {
            // snippet.body
            let x = 1
            return x
            // snippet.end
        }
        """.write(
            to: root.appendingPathComponent("Sources/demo/main.swift"), atomically: true, encoding: .utf8)
        try #"{"val_mae": 4.6789, "settings": {"window": 30}, "val_loss": [3, 2, 12345.5]}"#
            .write(
                to: root.appendingPathComponent("figures/demo.metrics.json"), atomically: true,
                encoding: .utf8)
        try chapter.write(
            to: root.appendingPathComponent("chapters/demo.md"), atomically: true, encoding: .utf8)
        return ChapterSync(root: root)
    }

    let goodChapter = """
        # Demo, from `Sources/demo/main.swift`
        <!-- snippet: Sources/demo/main.swift#body -->
        ```swift
        let x = 1
        return x
        ```
        MAE <!-- value: figures/demo.metrics.json#val_mae -->4.68<!-- /value -->, window <!-- value: figures/demo.metrics.json#settings.window decimals=0 -->30<!-- /value -->, last loss <!-- value: figures/demo.metrics.json#val_loss[-1] decimals=1 -->12,345.5<!-- /value -->.
        """

    @Test func inSyncChapterPasses() throws {
        #expect(try scratch(chapter: goodChapter).check("chapters/demo.md").isEmpty)
    }

    @Test func changedListingIsFoundAndMended() throws {
        let sync = try scratch(chapter: goodChapter.replacingOccurrences(of: "let x = 1", with: "let x = 2"))
        let (text, drifts) = try sync.rewrite("chapters/demo.md")
        #expect(
            drifts.map(\.description) == [
                "chapters/demo.md:2: listing differs from Sources/demo/main.swift#body"
            ])
        #expect(text == goodChapter)
    }

    @Test func missingSnippetIsReported() throws {
        let drifts = try scratch(chapter: goodChapter.replacingOccurrences(of: "#body", with: "#nothing"))
            .check("chapters/demo.md")
        #expect(
            drifts.map(\.description) == [
                "chapters/demo.md:2: Sources/demo/main.swift has no snippet named nothing"
            ])
        #expect(drifts.allSatisfy { !$0.fixable })
    }

    @Test func unknownReportKeyIsReported() throws {
        let drifts = try scratch(chapter: goodChapter.replacingOccurrences(of: "#val_mae", with: "#val_mse"))
            .check("chapters/demo.md")
        #expect(
            drifts.map(\.description) == [
                "chapters/demo.md:7: figures/demo.metrics.json has no number at val_mse"
            ])
    }

    @Test func staleNumberIsFoundAndMended() throws {
        let sync = try scratch(chapter: goodChapter.replacingOccurrences(of: "-->4.68<", with: "-->5.33<"))
        let (text, drifts) = try sync.rewrite("chapters/demo.md")
        #expect(
            drifts.map(\.description) == [
                "chapters/demo.md:7: figures/demo.metrics.json#val_mae is 4.68, the text says 5.33"
            ])
        #expect(text == goodChapter)
    }

    // MARK: pages and sources that cannot be parsed are refused, not rewritten

    /// `chapter-sync` run on a scratch package, as a reader runs it.
    func chapterSync(_ sync: ChapterSync, _ arguments: [String]) throws -> SectionRun {
        try SectionRun.run("chapter-sync", ["--root", sync.root.path] + arguments)
    }

    func page(_ sync: ChapterSync) throws -> Data {
        try Data(contentsOf: sync.root.appendingPathComponent("chapters/demo.md"))
    }

    /// The good chapter with prose after the listing and a second include of the same snippet, whose
    /// block opens with "```" + `info`.
    func longerChapter(info: String) -> String {
        goodChapter
            + "\n\nSome prose.\nMore prose, from `Sources/demo/main.swift`:\n\n<!-- snippet: Sources/demo/main.swift#body -->\n```\(info)\n"
            + "let x = 1\nreturn x\n```\n"
    }

    /// The first listing has drifted and lost its closing fence: --write must not "mend" it (with a
    /// bare opening fence below, the block would seem to close there, swallowing the prose between).
    @Test(arguments: ["swift", ""])
    func listingWithoutClosingFenceIsRefusedAndThePageKept(info: String) throws {
        let broken = longerChapter(info: info)
            .replacingOccurrences(of: "let x = 1\nreturn x\n```\nMAE", with: "let x = 2\nMAE")
        let sync = try scratch(chapter: broken)
        let before = try page(sync)
        let run = try chapterSync(sync, ["--write"])
        #expect(run.status != 0)
        #expect(run.standardOutput.contains("chapters/demo.md:3: "), "\(run.standardOutput)")
        #expect(!run.standardOutput.contains("in sync"))
        #expect(try page(sync) == before)
        #expect(throws: ChapterSync.Unparseable.self) { try sync.rewrite("chapters/demo.md") }
    }

    /// Without an include below, the next block's opening fence (with its language) reveals the loss.
    @Test func listingWithoutClosingFenceBeforeAnotherBlockIsRefused() throws {
        let broken = (goodChapter + "\n\nRun it:\n\n```sh\nswift run demo\n```\n")
            .replacingOccurrences(of: "let x = 1\nreturn x\n```\nMAE", with: "let x = 2\nMAE")
        let sync = try scratch(chapter: broken)
        let before = try page(sync)
        let run = try chapterSync(sync, ["--write"])
        #expect(run.status != 0)
        #expect(run.standardOutput.contains("chapters/demo.md:3: "), "\(run.standardOutput)")
        #expect(try page(sync) == before)
    }

    /// One page that cannot be parsed stops --write for every page, so none is left half mended.
    @Test func anUnparseablePageStopsEveryRewrite() throws {
        let sync = try scratch(chapter: goodChapter.replacingOccurrences(of: "```\nMAE", with: "MAE"))
        let other = sync.root.appendingPathComponent("chapters/other.md")
        let stale = goodChapter.replacingOccurrences(of: "-->4.68<", with: "-->5.33<")
        try stale.write(to: other, atomically: true, encoding: .utf8)
        let run = try chapterSync(sync, ["--write"])
        #expect(run.status != 0 && run.standardOutput.contains("nothing rewritten"), "\(run.standardOutput)")
        #expect(try String(contentsOf: other, encoding: .utf8) == stale)
    }

    @Test func regionWithoutEndMarkerIsRefusedNamingTheSource() throws {
        let sync = try scratch(chapter: goodChapter.replacingOccurrences(of: "let x = 1", with: "let x = 2"))
        try """
        func f() {
            // snippet.body
            let x = 1
            return x
            // snippet.other
            let y = 2
            // snippet.end
        }
        """.write(
            to: sync.root.appendingPathComponent("Sources/demo/main.swift"), atomically: true, encoding: .utf8
        )
        let before = try page(sync)
        let run = try chapterSync(sync, ["--write"])
        #expect(run.status != 0)
        #expect(run.standardOutput.contains("Sources/demo/main.swift:2: "), "\(run.standardOutput)")
        #expect(try page(sync) == before)
    }

    @Test func unclosedFenceAtTheEndIsRefused() throws {
        let sync = try scratch(chapter: goodChapter + "\n\n```sh\nswift run demo\n")
        let run = try chapterSync(sync, [])
        #expect(run.status != 0)
        #expect(run.standardOutput.contains("chapters/demo.md:9: "), "\(run.standardOutput)")
    }

    // MARK: tags are read strictly; code is left alone; a page is only ever rewritten in place

    /// A line whose tags are not whole, same-kind, non-nested pairs: `--write` must refuse it, naming the
    /// line, rather than let a tag run on to a later tag's closing comment and swallow the prose between.
    @Test(arguments: [
        "The CNN scored <!-- value: figures/demo.metrics.json#val_mae -->4.6 (no closing tag), prose that "
            + "must stay, after <!-- value: figures/demo.metrics.json#settings.window decimals=0 -->3"
            + "<!-- /value --> epochs.",
        "Nested <!-- value: figures/demo.metrics.json#val_mae -->4 <!-- verdict: figures/a.json#x "
            + "< figures/b.json#x -->*holds*<!-- /verdict --> 5<!-- /value -->.",
        "Crossed <!-- value: figures/demo.metrics.json#val_mae -->4.6<!-- /verdict --> and more.",
        "A stray <!-- /value --> closes nothing.",
        "Squashed <!-- value:figures/demo.metrics.json#val_mae-->4.6<!-- /value -->.",
        "Open at the end <!-- value: figures/demo.metrics.json#val_mae -->4.6",
        "Never ends <!-- value: figures/demo.metrics.json#val_mae 4.6",
        "Comment inside <!-- value: figures/demo.metrics.json#val_mae -->4.6 <!-- note --> x<!-- /value -->.",
    ])
    func aLineWhoseTagsAreNotWholePairsIsRefusedAndNothingRewritten(line: String) throws {
        let sync = try scratch(
            chapter: goodChapter.replacingOccurrences(of: "-->4.68<", with: "-->5.33<") + "\n\n" + line + "\n"
        )
        let before = try page(sync)
        let run = try chapterSync(sync, ["--write"])
        #expect(run.status != 0)
        #expect(run.standardOutput.contains("chapters/demo.md:9: column "), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("nothing rewritten"), "\(run.standardOutput)")
        #expect(!run.standardOutput.contains("in sync"))
        #expect(try page(sync) == before, "the page was rewritten")
        #expect(throws: ChapterSync.Unparseable.self) { try sync.rewrite("chapters/demo.md") }
    }

    /// A tag inside a fenced block or an inline code span is an example shown to the reader.
    @Test func tagsInCodeAreExamplesAndLeftAlone() throws {
        let chapter =
            goodChapter
            + "\n\nA number is tagged `<!-- value: figures/demo.metrics.json#val_mae -->` like this:\n\n"
            + "```markdown\nMAE <!-- value: figures/demo.metrics.json#val_mae -->9.99<!-- /value -->, or "
            + "half a tag <!-- value: x\n```\n"
        let sync = try scratch(chapter: chapter.replacingOccurrences(of: "-->4.68<", with: "-->5.33<"))
        let run = try chapterSync(sync, ["--write"])
        #expect(run.status == 0, "\(run.standardOutput)")
        #expect(String(decoding: try page(sync), as: UTF8.self) == chapter)
    }

    /// A read-only page is refused, not replaced by a new file (a rename would succeed over it).
    @Test func aPageThatCannotBeWrittenInPlaceIsNotReplaced() throws {
        let sync = try scratch(chapter: goodChapter.replacingOccurrences(of: "-->4.68<", with: "-->5.33<"))
        let path = sync.root.appendingPathComponent("chapters/demo.md").path
        chmod(path, 0o444)
        let before = try page(sync)
        let run = try chapterSync(sync, ["--write"])
        #expect(run.status != 0)
        #expect(
            run.standardOutput.contains("chapters/demo.md: cannot rewrite it in place: it is read-only"),
            "\(run.standardOutput)")
        #expect(try page(sync) == before)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o444)
    }

    /// A page that is a symbolic link stays one: the file it names is mended, with its permissions.
    @Test func aLinkedPageIsWrittenThroughItsLink() throws {
        let sync = try scratch(chapter: goodChapter)
        let elsewhere = sync.root.appendingPathComponent("elsewhere.md").path
        try goodChapter.replacingOccurrences(of: "-->4.68<", with: "-->5.33<")
            .write(toFile: elsewhere, atomically: true, encoding: .utf8)
        chmod(elsewhere, 0o640)
        let link = sync.root.appendingPathComponent("chapters/demo.md").path
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: elsewhere)
        let run = try chapterSync(sync, ["--write"])
        #expect(run.status == 0, "\(run.standardOutput)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == elsewhere)
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == goodChapter)
        let mode = try FileManager.default.attributesOfItem(atPath: elsewhere)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    // MARK: timings

    /// A timing in the prose is the reference run's: a reader's own run (`make`) does not fail the check.
    @Test func timingDriftIsNotHeldAgainstTheReadersRun() throws {
        let chapter =
            goodChapter
            + "\nEach epoch took <!-- value: figures/demo.metrics.json#seconds_per_epoch decimals=3 -->"
            + "0.030<!-- /value --> s.\n"
        let sync = try scratch(chapter: chapter)
        try
            #"{"val_mae": 4.6789, "settings": {"window": 30}, "val_loss": [3, 2, 12345.5], "seconds_per_epoch": 0.0212}"#
            .write(
                to: sync.root.appendingPathComponent("figures/demo.metrics.json"), atomically: true,
                encoding: .utf8)
        let check = try chapterSync(sync, [])
        #expect(check.status == 0, "\(check.standardOutput)")
        #expect(
            check.standardOutput.contains("0.021"), "the timing is still mentioned: \(check.standardOutput)")
        // The rest of the page is still held to the report.
        #expect(try sync.check("chapters/demo.md").filter { !$0.isTiming }.isEmpty)
        let write = try chapterSync(sync, ["--write"])
        #expect(write.status == 0, "\(write.standardOutput)")
        #expect(
            String(decoding: try page(sync), as: UTF8.self)
                == chapter.replacingOccurrences(of: "0.030", with: "0.021"))
    }

    /// Every value of a benchmark record (`figures/bench-*.json`) is a speed measurement, whatever its
    /// key: a reader who reruns `make bench` gets other ratios, and `make sync` does not fail on them.
    @Test func benchmarkValuesAreTimings() throws {
        let chapter =
            goodChapter + "\nFaster by <!-- value: figures/bench-demo.json#results.cnn.ratio decimals=1 -->"
            + "2.5<!-- /value -->x.\n"
        let sync = try scratch(chapter: chapter)
        try #"{"results": {"cnn": {"ratio": 3.14}}}"#
            .write(
                to: sync.root.appendingPathComponent("figures/bench-demo.json"), atomically: true,
                encoding: .utf8)
        let check = try chapterSync(sync, [])
        #expect(check.status == 0, "\(check.standardOutput)")
        #expect(try sync.check("chapters/demo.md").allSatisfy(\.isTiming))
        #expect(ReportValues.isTiming("ratio", file: "figures/bench-paired.json"))
        #expect(!ReportValues.isTiming("ratio", file: "figures/ch11-cnn.metrics.json"))
    }

    // MARK: the command line

    @Test func commandLineHasHelpAndRefusesBadArguments() throws {
        let sync = try scratch(chapter: goodChapter)
        let help = try chapterSync(sync, ["--help"])
        #expect(
            help.status == 0 && help.standardOutput.contains("USAGE:")
                && help.standardOutput.contains("--write"))
        for bad in [["--bogus"], ["--check", "--write"], ["--root"]] {
            let run = try chapterSync(sync, bad)
            #expect(run.status == 64, "\(bad): \(run.status) \(run.standardError)")
        }
        let check = try chapterSync(sync, ["--check"])
        #expect(check.status == 0, "\(check.standardOutput)")
    }
}

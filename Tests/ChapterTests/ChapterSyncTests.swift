@testable import ChapterSync
import Foundation
import Testing

/// The chapters cannot drift from the code and the run reports.
@Suite struct ChapterSyncTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Listings and numbers must always match the committed run reports, and a report a reader
    /// regenerated (`make figures`, `--out figures`) must match too: the same seed gives the same bits
    /// on the pinned product path. Only its timings may differ; any other drift names the product path
    /// of the report it comes from.
    @Test func committedChaptersAreInSync() throws {
        let sync = ChapterSync(root: Self.packageRoot)
        let files = sync.chapterFiles()
        #expect(!files.isEmpty)
        for file in files {
            let drifts = try sync.check(file).filter { drift in
                !(drift.isTiming && drift.report.map(Self.locallyModified) == true)
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

    /// A folder named like a page is named as such, not reported as a file that cannot be read.
    @Test func aFolderNamedLikeAPageIsNamed() throws {
        let sync = try scratch(chapter: goodChapter)
        try FileManager.default.createDirectory(
            at: sync.root.appendingPathComponent("chapters/zz.md"), withIntermediateDirectories: true)
        do {
            _ = try sync.check("chapters/zz.md")
            Issue.record("a folder was checked as a page")
        } catch let failure as ChapterSync.Unparseable {
            #expect(failure.description.hasPrefix("chapters/zz.md:1: is a folder named like a page"))
        }
    }

    /// `plain` quotes a number as a program prints it, without thousands separators.
    @Test func aPlainValueHasNoThousandsSeparators() throws {
        let sync = try scratch(
            chapter:
                "<!-- value: figures/demo.metrics.json#val_loss[2] decimals=1 plain -->12345.5<!-- /value -->"
                + " <!-- value: figures/demo.metrics.json#val_loss[2] decimals=1 -->12,345.5<!-- /value -->\n"
        )
        #expect(try sync.check("chapters/demo.md").isEmpty)
    }

    /// A number that moved names the product path its report was made on, the usual cause.
    @Test func aDriftedNumberNamesItsReportsProductPath() throws {
        let sync = try scratch(
            chapter: "MAE <!-- value: figures/demo.metrics.json#val_mae -->4.69<!-- /value -->\n")
        #expect(
            try sync.check("chapters/demo.md").map(\.problem).contains(
                "figures/demo.metrics.json#val_mae is 4.68, the text says 4.69 "
                    + "(figures/demo.metrics.json records no product path)"))
        let report = sync.root.appendingPathComponent("figures/demo.metrics.json")
        try
            (#"{"val_mae": 4.6789, "product_path": "#
            + #"{"library": "oneDNN", "version": "2.6.3", "isa": "avx512_core"}}"#)
            .write(to: report, atomically: true, encoding: .utf8)
        #expect(
            try sync.check("chapters/demo.md").map(\.problem).contains(
                "figures/demo.metrics.json#val_mae is 4.68, the text says 4.69 "
                    + "(figures/demo.metrics.json was made on oneDNN 2.6.3, AVX512_CORE kernels)"))
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
        \(Self.valueLine)
        """

    /// The good chapter's line of values, one line of the page.
    static let valueLine =
        "MAE <!-- value: figures/demo.metrics.json#val_mae -->4.68<!-- /value -->, "
        + "window <!-- value: figures/demo.metrics.json#settings.window decimals=0 -->30<!-- /value -->, "
        + "last loss <!-- value: figures/demo.metrics.json#val_loss[-1] decimals=1 -->"
        + "12,345.5<!-- /value -->."

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
                "chapters/demo.md:7: figures/demo.metrics.json#val_mae is 4.68, the text says 5.33 "
                    + "(figures/demo.metrics.json records no product path)"
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
            + "\n\nSome prose.\nMore prose, from `Sources/demo/main.swift`:\n\n"
            + "<!-- snippet: Sources/demo/main.swift#body -->\n```\(info)\n"
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

    // MARK: Python listings (the book's way, from Tools/book_pytorch)

    /// The scratch package with a Python source beside the Swift one, marked with `# snippet.` lines.
    func pythonScratch(chapter: String, python: String? = nil) throws -> ChapterSync {
        let sync = try scratch(chapter: chapter)
        let folder = sync.root.appendingPathComponent("Tools/demo")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try (python ?? pythonSource).write(
            to: folder.appendingPathComponent("demo.py"), atomically: true, encoding: .utf8)
        return sync
    }

    let pythonSource = """
        def fit(model, optimizer):
            # snippet.step
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            # // snippet.end is not a marker here
            loss.backward()
            # snippet.end
        """

    /// The good chapter, and below it the Python step in a python block.
    var pythonChapter: String {
        goodChapter
            + "\n\nThe book's way, from `Tools/demo/demo.py`:\n\n<!-- snippet: Tools/demo/demo.py#step -->\n"
            + "```python\noptimizer.zero_grad()\nloss = criterion(model(x), y)\n"
            + "# // snippet.end is not a marker here\nloss.backward()\n```\n"
    }

    @Test func pythonListingInSyncPasses() throws {
        #expect(try pythonScratch(chapter: pythonChapter).check("chapters/demo.md").isEmpty)
    }

    @Test func driftedPythonListingIsFoundAndMended() throws {
        let drifted = pythonChapter.replacingOccurrences(
            of: "loss.backward()", with: "loss.backward(retain_graph=True)")
        let sync = try pythonScratch(chapter: drifted)
        let drifts = try sync.check("chapters/demo.md")
        #expect(
            drifts.map(\.description) == [
                "chapters/demo.md:11: listing differs from Tools/demo/demo.py#step"
            ])
        let check = try chapterSync(sync, [])
        #expect(check.status != 0, "\(check.standardOutput)")
        let write = try chapterSync(sync, ["--write"])
        #expect(write.status == 0, "\(write.standardOutput)")
        #expect(String(decoding: try page(sync), as: UTF8.self) == pythonChapter)
        #expect(try chapterSync(sync, []).status == 0)
    }

    /// An unclosed Python region, or one with a second opened inside it, is refused naming the
    /// source's line, and nothing is rewritten.
    @Test(arguments: [
        ("# snippet.step\nx = 1\n", "Tools/demo/demo.py:1: snippet.step has no # snippet.end"),
        (
            "def f():\n    # snippet.step\n    x = 1\n    # snippet.other\n    y = 2\n    # snippet.end\n",
            "Tools/demo/demo.py:2: snippet.step has no # snippet.end before # snippet.other at line 4"
        ),
        ("x = 1\n# snippet.end\n", "Tools/demo/demo.py:2: # snippet.end without a region open"),
    ])
    func brokenPythonRegionIsRefusedWithItsLine(python: String, problem: String) throws {
        let sync = try pythonScratch(
            chapter: pythonChapter.replacingOccurrences(of: "loss.backward()", with: "loss.step()"),
            python: python)
        let before = try page(sync)
        #expect(throws: ChapterSync.Unparseable.self) { try sync.rewrite("chapters/demo.md") }
        let run = try chapterSync(sync, ["--write"])
        #expect(run.status != 0)
        #expect(run.standardOutput.contains(problem), "\(run.standardOutput)")
        #expect(try page(sync) == before)
    }

    /// Each language has its own marker: a Swift file's `# snippet.` line is code, not a marker.
    @Test func markersFollowTheFilesLanguage() {
        let swift = Snippets.regions(in: "// snippet.a\n# snippet.b\n// snippet.end\n", file: "a.swift")
        #expect(swift.problems.isEmpty && swift.regions == ["a": "# snippet.b"])
        let python = Snippets.regions(in: "# snippet.a\n// snippet.b\n# snippet.end\n", file: "a.py")
        #expect(python.problems.isEmpty && python.regions == ["a": "// snippet.b"])
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
            (#"{"val_mae": 4.6789, "settings": {"window": 30}, "val_loss": [3, 2, 12345.5], "#
            + #""seconds_per_epoch": 0.0212}"#)
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

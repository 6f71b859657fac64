import Foundation
import Testing
@testable import Workbook
@testable import WorkbookData

/// Where runs write when not told, number lists on the command line, and output folders that cannot be
/// written.
@Suite struct RunOptionsTests {
    let list = """
        # comment
        ch11-cnn
        ch11-giss-rnn --epochs 1500 --snapshot-epochs 100,500

        """

    @Test func theChaptersOwnRunsWriteIntoFigures() {
        #expect(ChapterRuns.folder(for: ["/x/.build/debug/ch11-cnn"], listed: list).folder == "figures")
        // Presentation options aside, and --name=value read as --name value.
        let giss = [
            "ch11-giss-rnn", "--no-figures", "--live", "--epochs=1500", "--data", "somewhere",
            "--snapshot-epochs", "100,500", "--resume",
        ]
        #expect(ChapterRuns.folder(for: giss, listed: list) == ("figures", nil, "figures"))
    }

    /// A named line, and a "Try this" run kept in a folder of its own: the reader's same command
    /// without --out writes there (never into figures/), and is compared with the run kept there.
    @Test func namedLinesAndTryThisRunsWithTheirOwnFolder() {
        let named = """
            cnn: ch11-cnn
            try-filters-32: ch11-cnn --filters 32 --out figures/try/cnn-filters-32
            """
        #expect(
            ChapterRuns.entries(named).map(\.name) == ["cnn", "try-filters-32"]
                && ChapterRuns.entries(named)[1].out == "figures/try/cnn-filters-32"
                && ChapterRuns.entries(named)[1].essentials == "ch11-cnn --filters 32")
        let tried = ChapterRuns.folder(for: ["ch11-cnn", "--filters", "32"], listed: named)
        #expect(tried.folder == "figures/try/cnn-filters-32" && tried.note == nil)
        let own = ChapterRuns.folder(
            for: ["ch11-cnn", "--filters", "32", "--out", "runs/f32"], listed: named)
        #expect(own.pagesFolder == "figures/try/cnn-filters-32")
        #expect(ChapterRuns.folder(for: ["ch11-cnn"], listed: named).folder == "figures")
    }

    @Test func otherRunsWriteIntoRunsAndSaySo() {
        let experiment = ChapterRuns.folder(for: ["ch11-cnn", "--filters", "32"], listed: list)
        #expect(experiment.folder == "runs")
        #expect(
            experiment.note
                == "Writing to runs/: figures/ keeps the chapter's own runs (`ch11-cnn`); "
                + "--out figures would replace them.")
        // The notebook's 500 epochs are not the chapter's 1,500: the note shows the command that made the
        // figures.
        let plain = ChapterRuns.folder(for: ["ch11-giss-rnn"], listed: list)
        #expect(plain.folder == "runs")
        #expect(plain.note?.contains("`ch11-giss-rnn --epochs 1500 --snapshot-epochs 100,500`") == true)
        // Without a list (run outside the project) everything goes where it always did.
        #expect(ChapterRuns.folder(for: ["ch11-cnn", "--filters", "32"], listed: nil).folder == "figures")
    }

    @Test func numberListsAreHandedOnOneValueAtATime() {
        let expanded = NumberLists.expand(
            ["--input", "1", "-2", "--filter", "-0.5", "1", "--no-figures", "--out", "-dir"],
            options: ["--input", "--filter"])
        #expect(
            expanded == [
                "--input", "1", "--input", "-2", "--filter", "-0.5", "--filter", "1", "--no-figures", "--out",
                "-dir",
            ])
    }

    @Test func anUnwritableOutputFolderIsNamedBeforeAnyWork() throws {
        let folder = temporaryFolder("unwritable")
        let file = (folder as NSString).appendingPathComponent("a-file")
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        // A folder cannot be made inside a file.
        do {
            try AtomicFile.checkWritable(folder: file + "/out")
            Issue.record("accepted a folder inside a file")
        } catch {
            #expect(
                "\(error)".contains(
                    "cannot make the output folder \(file)/out: Not a directory; choose another with --out"))
        }
        try AtomicFile.checkWritable(folder: folder + "/new/deeper")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/new/deeper").isEmpty)
    }

    @Test func pathsSplitWithoutFoundation() {
        let cases = [
            ("o", ""), ("o/", ""), ("o/x.gp", "o"), ("a//b/", "a"), ("/x", "/"), ("/", "/"),
            ("runs/deep/x", "runs/deep"), ("", ""),
        ]
        for (path, parent) in cases { #expect(PathNames.parent(of: path) == parent, "\(path)") }
    }
}

import Foundation
import Testing
import WorkbookData

/// Program output quoted in a chapter (a ```text block) is what the program prints.
@Suite struct ChapterOutputTests {
    /// The lines of the first ```text block that follows `marker` in a chapter.
    func quotedOutput(in chapter: String, after marker: String) throws -> [String] {
        let text = try String(
            contentsOf: ChapterSyncTests.packageRoot.appendingPathComponent(chapter), encoding: .utf8)
        let start = try #require(text.range(of: marker), "\(chapter) no longer says \(marker)")
        let block = try #require(text[start.upperBound...].range(of: "```text\n"))
        let end = try #require(text[block.upperBound...].range(of: "```"))
        return text[block.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
    }

    @Test func convolutionTableIsTheProgramsOutput() throws {
        let quoted = try quotedOutput(
            in: "chapters/11-01-convolutions.md", after: "It prints every input value")
        #expect(quoted.count > 5)
        let run = try SectionRun.run(
            "ch11-conv", ["--no-figures", "--out", SectionRun.temporaryFolder("ch11-conv-quote")])
        let printed = Set(run.standardOutput.split(separator: "\n").map(String.init))
        for line in quoted where line != "  ..." && !line.isEmpty {
            #expect(printed.contains(line), "the chapter quotes a line ch11-conv does not print: \(line)")
        }
    }

    /// figures/chapter-runs.txt names programs that exist, and every report in figures/ is one of its runs'.
    @Test func theChapterRunsListMatchesThePrograms() throws {
        let root = ChapterSyncTests.packageRoot
        let list = try String(
            contentsOf: root.appendingPathComponent("figures/chapter-runs.txt"), encoding: .utf8)
        let programs = Set(ChapterRuns.entries(list).map(\.words[0]))
        for program in programs {
            #expect(
                FileManager.default.fileExists(
                    atPath: SectionRun.productsFolder.appendingPathComponent(program).path), "\(program)")
        }
        let reports = try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent("figures").path
        )
        .filter { $0.hasSuffix(".metrics.json") || $0.hasSuffix(".report.json") }
        for report in reports {
            #expect(programs.contains { report.hasPrefix($0) }, "\(report) comes from no listed run")
        }
    }
}

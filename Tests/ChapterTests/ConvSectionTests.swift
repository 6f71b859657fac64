import Foundation
import Testing

/// `ch11-conv`: the worked example of the chapter's opening figures.
@Suite struct ConvSectionTests {
    @Test func workedExampleNumbers() throws {
        let folder = SectionRun.temporaryFolder("ch11-conv")
        let run = try SectionRun.run("ch11-conv", ["--out", folder])
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map {
            $0.split(separator: " ").map(String.init)
        }
        // Row for t = 1 (input 8): -1.5 without padding, -1.5 with padding; t = 2 (input 15): 3 and 3.
        #expect(lines.contains(["1", "8", "-1.5", "-1.5"]))
        #expect(lines.contains(["2", "15", "3", "3"]))
        // The first value only gets an output with padding: 0*(-0.5) + 4 - 0.5*8 = 0.
        #expect(lines.contains(["0", "4", "-", "0"]))
        #expect(run.standardOutput.contains("8 values without padding, 10 with padding 1."))
        #expect(run.standardOutput.contains("agree: yes"))
        for name in ["fig-11-01-sequence", "fig-11-02-first-stride", "fig-11-03-next-stride"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(name).gp"), "\(name).gp")
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(name).dat"), "\(name).dat")
        }
        // Figure 11-2's data: the output cell under input 8 (x = 1) holds -1.5.
        let cells = try String(contentsOfFile: "\(folder)/fig-11-02-first-stride.dat", encoding: .utf8)
        #expect(cells.contains("\n1 -1.3 -1.5 "))
    }

    @Test func listsTakeNegativeNumbers() throws {
        let folder = SectionRun.temporaryFolder("ch11-conv-negative")
        let run = try SectionRun.run(
            "ch11-conv",
            [
                "--input", "1", "2", "3", "4", "5", "--filter", "1", "0", "-1",
                "--no-figures", "--out", folder,
            ])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Filter [1, 0, -1] over [1, 2, 3, 4, 5]"))
        // 1*1 + 0*2 - 1*3 = -2 under the input 2, at t = 1.
        let lines = run.standardOutput.split(separator: "\n").map {
            $0.split(separator: " ").map(String.init)
        }
        #expect(lines.contains(["1", "2", "-2", "-2"]))
    }

    @Test func refusesAFilterLongerThanTheInput() throws {
        let run = try SectionRun.run(
            "ch11-conv", ["--input", "1", "2", "--filter", "1", "1", "1", "--no-figures"])
        #expect(run.status != 0)
        #expect(run.standardError.contains("--input needs at least as many values as the filter"))
    }

    /// `--out o`, a one-character folder relative to the working folder, used to crash inside Foundation
    /// (its `deletingLastPathComponent` traps on one character); `o/` as well.
    @Test(arguments: ["o", "o/"])
    func aOneLetterRelativeOutputFolder(out: String) throws {
        let directory = SectionRun.temporaryFolder("ch11-conv-short-out")
        let run = try SectionRun.run("ch11-conv", ["--no-figures", "--out", out], directory: directory)
        #expect(run.status == 0, "status \(run.status): \(run.standardError.prefix(400))")
        #expect(FileManager.default.fileExists(atPath: directory + "/o/fig-11-01-sequence.gp"))
    }
}

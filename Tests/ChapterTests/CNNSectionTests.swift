import Foundation
import Testing
import WorkbookData

/// `ch11-cnn --quick`: it learns, writes a well-formed report, repeats itself exactly, and refuses bad
/// options.
@Suite struct CNNSectionTests {
    func quickRun(seed: Int = 42) throws -> (run: SectionRun, report: RunReport, folder: String) {
        let folder = SectionRun.temporaryFolder("ch11-cnn")
        let run = try SectionRun.run("ch11-cnn", ["--quick", "--seed", "\(seed)", "--out", folder])
        #expect(run.status == 0, "\(run.standardError)")
        return (run, try RunReport.read(from: folder + "/ch11-cnn.metrics.json"), folder)
    }

    /// Standard error closed by the caller (`2>&-`): progress that cannot be shown never ends the run
    /// (FileHandle's write trapped on EBADF), nor lands in a file that took its descriptor.
    @Test func aClosedStandardErrorDoesNotStopTheRun() throws {
        let folder = SectionRun.temporaryFolder("ch11-cnn-no-stderr")
        let section = SectionRun.productsFolder.appendingPathComponent("ch11-cnn").path
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = [
            "-c", "exec 2>&-; exec \"$0\" \"$@\" > '\(folder)/stdout'",
            section, "--quick", "--epochs", "3", "--no-figures", "--out", folder,
        ]
        try shell.run()
        shell.waitUntilExit()
        let output = (try? String(contentsOfFile: folder + "/stdout", encoding: .utf8)) ?? ""
        #expect(shell.terminationReason == .exit && shell.terminationStatus == 0, "\(output)")
        #expect(output.contains("Validation MAE after 3 epochs"), "\(output)")
        let report = try RunReport.read(from: folder + "/ch11-cnn.metrics.json")
        #expect(report.epochs == 3)
    }

    @Test func quickRunLearnsAndReports() throws {
        let (run, report, folder) = try quickRun()
        #expect(report.section == "ch11-cnn" && report.seed == 42)
        #expect(
            report.epochs == report.trainLoss.count && report.valLoss.count == report.epochs
                && report.epochs >= 10)
        #expect(
            report.valLoss.last! < report.valLoss.first! * 0.8,
            "validation loss did not fall: \(report.valLoss)")
        #expect(report.trainLoss.last! < report.trainLoss.first!)
        #expect(report.valMAE > 0 && report.valMAE < 20)
        #expect(report.parameters == 104_777)
        #expect(report.settings["window"] == .int(30) && report.settings["split"] == .int(1000))
        #expect(report.secondsPerEpoch > 0)
        #expect(run.standardOutput.contains("971 training and 461 validation windows"))
        // The yardstick is named in the data's steps, as the figures name it.
        #expect(run.standardOutput.contains("Naive forecast \"next step as this one\": validation MAE"))
        #expect(
            run.standardOutput.contains(
                "Validation MAE after \(report.epochs) epochs: \(fixed(report.valMAE, 4))"))
        for name in ["fig-11-04-cnn-predictions", "fig-11-04b-cnn-loss"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(name).gp"), "\(name).gp")
            let data = try String(contentsOfFile: "\(folder)/\(name).dat", encoding: .utf8)
            // One line per validation window (or epoch) after the column names.
            #expect(data.split(separator: "\n").count == 1 + (name.hasSuffix("loss") ? report.epochs : 461))
        }
    }

    @Test func sameSeedSameReport() throws {
        var first = try quickRun(seed: 7).report, second = try quickRun(seed: 7).report
        // Timings are the only thing allowed to differ.
        (first.secondsTotal, first.secondsPerEpoch, second.secondsTotal, second.secondsPerEpoch) = (
            0, 0, 0, 0
        )
        #expect(first == second)
        let other = try quickRun(seed: 8).report
        #expect(other.valLoss != first.valLoss)
    }

    @Test(arguments: [
        (["--epochs=-3"], "--epochs must be at least 1"), (["--epochs", "0"], "--epochs must be at least 1"),
        (["--lr", "0"], "--lr must be a positive number"),
        (["--batch-size", "0"], "--batch-size must be at least 1"),
        // With the split moved too: a split before the window is refused first, without the data.
        (
            ["--window", "5000", "--split", "5000"],
            "the window (5000) is longer than the series (1461 values)"
        ),
        (["--window", "5000"], "--split 1000 leaves no training window for --window 5000"),
        (["--split", "20"], "split 20 leaves no training"),
        (["--epochs", "many"], "many"),
        // Negative numbers reach the checks instead of reading as option names.
        (["--epochs", "-5"], "--epochs must be at least 1, got -5"),
        (["--lr", "-1"], "--lr must be a positive number, got -1"),
    ])
    func badOptionsAreRefused(arguments: [String], message: String) throws {
        let run = try SectionRun.run(
            "ch11-cnn", arguments + ["--out", SectionRun.temporaryFolder("ch11-cnn-bad")])
        #expect(run.status != 0)
        #expect(run.standardError.contains(message), "stderr: \(run.standardError)")
    }

    @Test func anOutputFolderThatCannotBeMadeStopsTheRunBeforeTraining() throws {
        let folder = SectionRun.temporaryFolder("ch11-cnn-blocked")
        try "x".write(toFile: folder + "/file", atomically: true, encoding: .utf8)
        let run = try SectionRun.run("ch11-cnn", ["--quick", "--out", folder + "/file/out"])
        #expect(run.status != 0)
        #expect(
            run.standardError.contains("cannot make the output folder \(folder)/file/out"),
            "stderr: \(run.standardError)")
        #expect(!run.standardOutput.contains("Validation MAE") && !run.standardError.contains("epoch 1/"))
    }
}

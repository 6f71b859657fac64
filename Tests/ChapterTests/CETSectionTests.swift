import Foundation
import Testing
import WorkbookData
import WorkbookFigures

/// `ch11-cet-rnn --quick`: it learns on a slice of the record and writes its report and figure scripts.
@Suite struct CETSectionTests {
    @Test(arguments: ["book", "sequence"])
    func quickRunLearns(layout: String) throws {
        let folder = SectionRun.temporaryFolder("cet-\(layout)")
        let run = try SectionRun.run(
            "ch11-cet-rnn", ["--quick", "--layout", layout, "--epochs", "3", "--no-figures", "--out", folder])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("CET daily record: 3000 days, 1772-01-01 to 1780-03-18"))
        let suffix = layout == "book" ? "" : "-sequence"
        let report = try RunReport.read(from: "\(folder)/ch11-cet-rnn\(suffix).metrics.json")
        // Three epochs take a tenth or more off the validation loss (seen: 20-30%).
        #expect(
            report.valLoss.last! < 0.9 * report.valLoss.first!,
            "validation loss did not fall by a tenth: \(report.valLoss)")
        let persistence = try #require(report.persistence)
        #expect(persistence.valMAE > 0.2 && persistence.valMAE < 0.5, "persistence MAE \(persistence.valMAE)")
        for name in ["fig-11-12-cet-predictions", "fig-11-13-cet-last-100-days", "fig-11-14-cet-loss"] {
            #expect(
                FileManager.default.fileExists(atPath: "\(folder)/\(name)\(suffix).gp"), "\(name)\(suffix).gp"
            )
        }
        let script = try String(
            contentsOfFile: "\(folder)/fig-11-13-cet-last-100-days\(suffix).gp", encoding: .utf8)
        #expect(script.contains("set xdata time"))
    }
}

/// A quick run's figures read as well as the chapter's: two epochs are ticked 1 and 2 (not 1.2, 1.4),
/// and the validation days of its short record, under a year, are labelled by month (not "1779 1779").
@Suite struct QuickFigureTests {
    @Test(.enabled(if: CommittedFigureTests.gnuplot != nil, "gnuplot is not installed"))
    func quickCETFiguresReadWell() throws {
        let folder = SectionRun.temporaryFolder("cet-figures")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try SectionRun.run(
            "ch11-cet-rnn", ["--quick", "--epochs", "2", "--no-figures", "--out", folder])
        #expect(run.status == 0, "\(run.standardError)")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasPrefix("fig-") && $0.hasSuffix(".gp") }.sorted()
        #expect(scripts.count == 4)
        var problems: [String] = []
        for script in scripts {
            problems += try FigureChecks.problems(
                of: script, in: URL(fileURLWithPath: folder), gnuplot: CommittedFigureTests.gnuplot!)
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}

/// The other Central England sections, each in a quick run: they learn and write their reports and
/// figure scripts.
@Suite struct CETVariantSectionTests {
    func quick(_ section: String, _ arguments: [String]) throws -> String {
        let folder = SectionRun.temporaryFolder(section)
        let run = try SectionRun.run(
            section, ["--quick", "--epochs", "3", "--no-figures", "--out", folder] + arguments)
        #expect(run.status == 0, "\(run.standardError)")
        return folder
    }

    func expectLearned(_ path: String) throws {
        let report = try RunReport.read(from: path)
        // Three epochs take a tenth or more off the validation loss (seen: 18-60%).
        #expect(
            report.valLoss.last! < 0.9 * report.valLoss.first!,
            "\(path): validation loss did not fall by a tenth: \(report.valLoss)")
        #expect(report.valMAEDenormalized != nil)
    }

    @Test func gruAndLSTM() throws {
        let folder = try quick("ch11-gru-lstm", [])
        for model in ["gru", "lstm"] {
            try expectLearned("\(folder)/ch11-gru-lstm-\(model).metrics.json")
            #expect(FileManager.default.fileExists(atPath: "\(folder)/fig-cet-\(model)-loss.gp"))
        }
    }

    @Test func bidirectionalGRU() throws {
        let folder = try quick("ch11-bidirectional", [])
        try expectLearned("\(folder)/ch11-bidirectional.metrics.json")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/fig-11-17-bidirectional-predictions.gp"))
    }

    /// Recurrent dropout needs a state to drop from, so this one reads sequences (a short slice of them).
    @Test func dropoutAndRecurrentDropout() throws {
        let folder = try quick(
            "ch11-dropout", ["--layout", "sequence", "--days", "700", "--recurrent-dropout", "0.2"])
        for run in ["none", "", "recurrent"] {
            try expectLearned("\(folder)/ch11-dropout\(run.isEmpty ? "" : "-" + run)-sequence.metrics.json")
        }
        let recurrent = try RunReport.read(from: "\(folder)/ch11-dropout-recurrent-sequence.metrics.json")
        #expect(recurrent.settings["recurrent_dropout"] == .double(Double(Float(0.2))))
        #expect(
            FileManager.default.fileExists(atPath: "\(folder)/fig-11-16b-recurrent-dropout-loss-sequence.gp"))
    }
}

/// A run whose loss becomes NaN stops with a message and leaves no report or figure behind.
@Suite struct DivergenceTests {
    @Test func divergingRunStopsCleanly() throws {
        let folder = SectionRun.temporaryFolder("cet-diverge")
        let run = try SectionRun.run(
            "ch11-cet-rnn", ["--quick", "--epochs", "3", "--lr", "1e38", "--out", folder])
        #expect(run.status != 0)
        #expect(run.standardError.contains("training diverged at epoch 1"))
        #expect(run.standardError.contains("try a smaller learning rate"))
        let written = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(
            !written.contains {
                $0.hasSuffix(".metrics.json") || $0.hasSuffix(".png") || $0.hasSuffix(".gp")
            }, "\(written)")
    }
}

/// A loss that stays finite but explodes is divergence too (Adam at 1e9 reaches losses of 1e20).
@Suite struct ExplodingLossTests {
    @Test func anExplodingLossStopsTheRun() throws {
        let folder = SectionRun.temporaryFolder("cet-explode")
        let run = try SectionRun.run(
            "ch11-cet-rnn", ["--quick", "--lr", "1e9", "--no-figures", "--out", folder])
        #expect(run.status != 0)
        #expect(run.standardError.contains("training diverged at epoch 1"), "\(run.standardError)")
        #expect(run.standardError.contains("try a smaller learning rate"))
        let report = folder + "/ch11-cet-rnn.metrics.json"
        #expect(!FileManager.default.fileExists(atPath: report), "a report of a diverged run")
    }

    /// Constant data cannot be scaled to z-scores; that is said of the file, not blamed on training.
    @Test func constantDataIsNamedAtNormalisation() throws {
        let data = SectionRun.temporaryFolder("cet-constant")
        let lines = (1...31).map { String(format: "177201%02d 5.0 ", $0) }  // January 1772, every day 5 °C
        try lines.joined(separator: "\n").write(
            toFile: data + "/tdaily_cet.dat.txt", atomically: true,
            encoding: .utf8)
        let out = SectionRun.temporaryFolder("cet-constant-out")
        let run = try SectionRun.run(
            "ch11-cet-rnn",
            [
                "--quick", "--days", "31", "--window", "5", "--split", "20",
                "--no-figures", "--data", data, "--out", out,
            ])
        #expect(run.status != 0)
        #expect(run.standardError.contains("\(data)/tdaily_cet.dat.txt"), "\(run.standardError)")
        #expect(run.standardError.contains("every value is 5"), "\(run.standardError)")
        #expect(!run.standardError.contains("training diverged"), "\(run.standardError)")
    }
}

/// Options that cut the record say what they did to the split, in the user's own terms.
@Suite struct CETRecordLengthTests {
    @Test(arguments: [
        (
            ["--quick", "--split", "100"],
            "with --quick's first 3000 days, --split 100 moves in proportion to 3: split 3 leaves no training"
        ),
        (["--days", "200000"], "--days 200000: the record holds only 91502 days"),
    ])
    func shortenedRecordsExplainTheirSplit(arguments: [String], message: String) throws {
        let run = try SectionRun.run(
            "ch11-cet-rnn", arguments + ["--no-figures", "--out", SectionRun.temporaryFolder("cet-days")])
        #expect(run.status != 0)
        #expect(run.standardError.contains(message), "stderr: \(run.standardError)")
    }
}

import Foundation
import Testing
import Workbook

/// `ch11-giss-rnn --quick`, both layouts: it learns and writes its report and figure scripts.
@Suite struct GISSSectionTests {
    @Test(arguments: ["book", "sequence"])
    func quickRunLearns(layout: String) throws {
        let folder = SectionRun.temporaryFolder("giss-\(layout)")
        let run = try SectionRun.run("ch11-giss-rnn", ["--quick", "--layout", layout, "--snapshot-epochs", "5,10",
                                                       "--no-figures", "--out", folder])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("dropped 3 marked missing (2024-10, 2024-11, 2024-12)"))
        #expect(run.standardOutput.contains("753 training and 97 validation windows"))
        let suffix = layout == "book" ? "" : "-sequence"
        let report = try RunReport.read(from: "\(folder)/ch11-giss-rnn\(suffix).metrics.json")
        #expect(report.valLoss.last! < report.valLoss.first!, "validation loss did not fall: \(report.valLoss)")
        #expect(report.valMAEDenormalized != nil && abs(report.valMAEDenormalized! - report.valMAE * 5.1774050847) < 1e-6)
        #expect(report.settings["val_mae_at_epoch_5"] != nil && report.settings["val_mae_at_epoch_10"] != nil)
        for name in ["fig-11-06-giss-record", "fig-11-07-giss-grid", "fig-11-08-giss-split", "fig-11-09-giss-predictions-early\(suffix)",
                     "fig-11-10-giss-predictions\(suffix)", "fig-11-11-giss-loss\(suffix)"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(name).gp"), "\(name).gp")
        }
    }

    @Test func aBrokenDataFileIsNamed() throws {
        let folder = SectionRun.temporaryFolder("giss-bad")
        try "YEAR,JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC,D-J-F,M-A-M,J-J-A,S-O-N,metANN\n1950,1,2\n"
            .write(toFile: folder + "/station.csv", atomically: true, encoding: .utf8)
        let run = try SectionRun.run("ch11-giss-rnn", ["--quick", "--data", folder, "--out", folder])
        #expect(run.status != 0)
        #expect(run.standardError.contains("\(folder)/station.csv:2: expected 18 comma-separated fields, found 3"))
    }
}

/// `ch11-cet-rnn --quick`: it learns on a slice of the record and writes its report and figure scripts.
@Suite struct CETSectionTests {
    @Test(arguments: ["book", "sequence"])
    func quickRunLearns(layout: String) throws {
        let folder = SectionRun.temporaryFolder("cet-\(layout)")
        let run = try SectionRun.run("ch11-cet-rnn", ["--quick", "--layout", layout, "--epochs", "3", "--no-figures", "--out", folder])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("CET daily record: 3000 days, 1772-01-01 to 1780-03-18"))
        let suffix = layout == "book" ? "" : "-sequence"
        let report = try RunReport.read(from: "\(folder)/ch11-cet-rnn\(suffix).metrics.json")
        #expect(report.valLoss.last! < report.valLoss.first!, "validation loss did not fall: \(report.valLoss)")
        let persistence = try #require(report.persistence)
        #expect(persistence.valMAE > 0.2 && persistence.valMAE < 0.5, "persistence MAE \(persistence.valMAE)")
        for name in ["fig-11-12-cet-predictions", "fig-11-13-cet-last-100-days", "fig-11-14-cet-loss"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(name)\(suffix).gp"), "\(name)\(suffix).gp")
        }
        let script = try String(contentsOfFile: "\(folder)/fig-11-13-cet-last-100-days\(suffix).gp", encoding: .utf8)
        #expect(script.contains("set xdata time"))
    }
}

/// The other Central England sections, each in a quick run: they learn and write their reports and figure scripts.
@Suite struct CETVariantSectionTests {
    func quick(_ section: String, _ arguments: [String]) throws -> String {
        let folder = SectionRun.temporaryFolder(section)
        let run = try SectionRun.run(section, ["--quick", "--epochs", "3", "--no-figures", "--out", folder] + arguments)
        #expect(run.status == 0, "\(run.standardError)")
        return folder
    }

    func expectLearned(_ path: String) throws {
        let report = try RunReport.read(from: path)
        #expect(report.valLoss.last! < report.valLoss.first!, "\(path): validation loss did not fall: \(report.valLoss)")
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
        let folder = try quick("ch11-dropout", ["--layout", "sequence", "--days", "700", "--recurrent-dropout", "0.2"])
        try expectLearned("\(folder)/ch11-dropout-sequence.metrics.json")
        let recurrent = try RunReport.read(from: "\(folder)/ch11-dropout-recurrent-sequence.metrics.json")
        #expect(recurrent.settings["recurrent_dropout"] == .double(Double(Float(0.2))))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/fig-11-16b-recurrent-dropout-loss-sequence.gp"))
    }
}

/// A long run's checkpoints: an interrupted quick run, resumed, writes the report an uninterrupted one writes.
@Suite struct CheckpointResumeTests {
    @Test func resumeAfterInterruptionGivesTheSameReport() throws {
        let whole = SectionRun.temporaryFolder("cet-whole"), parts = SectionRun.temporaryFolder("cet-parts")
        let arguments = ["--quick", "--epochs", "4", "--no-figures"]
        let uninterrupted = try SectionRun.run("ch11-cet-rnn", arguments + ["--out", whole])
        #expect(uninterrupted.status == 0, "\(uninterrupted.standardError)")

        // The hidden option sends the process a real SIGINT right after epoch 2's checkpoint is written.
        let interrupted = try SectionRun.run("ch11-cet-rnn", arguments + ["--out", parts, "--interrupt-after-epoch", "2"])
        #expect(interrupted.status == 130)
        #expect(interrupted.standardError.contains("Stopped by Ctrl-C during epoch 3. The checkpoint of epoch 2 is at \(parts)/ch11-cet-rnn.checkpoint"))
        #expect(!FileManager.default.fileExists(atPath: "\(parts)/ch11-cet-rnn.metrics.json"), "an interrupted run writes no report")

        let resumed = try SectionRun.run("ch11-cet-rnn", arguments + ["--out", parts, "--resume"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("Resuming from \(parts)/ch11-cet-rnn.checkpoint after epoch 2"))
        var expected = try RunReport.read(from: "\(whole)/ch11-cet-rnn.metrics.json")
        var actual = try RunReport.read(from: "\(parts)/ch11-cet-rnn.metrics.json")
        expected.secondsTotal = 0; expected.secondsPerEpoch = 0
        actual.secondsTotal = 0; actual.secondsPerEpoch = 0
        #expect(actual == expected)
    }

    @Test func checkpointOfOtherSettingsIsRefused() throws {
        let folder = SectionRun.temporaryFolder("cet-settings")
        let arguments = ["--quick", "--epochs", "1", "--no-figures", "--out", folder]
        #expect(try SectionRun.run("ch11-cet-rnn", arguments).status == 0)
        let other = try SectionRun.run("ch11-cet-rnn", arguments + ["--hidden", "20", "--resume"])
        #expect(other.status != 0)
        #expect(other.standardError.contains("\(folder)/ch11-cet-rnn.checkpoint was written by a run with other settings"))
    }
}

import Foundation
import Testing
import WorkbookData

/// `ch11-giss-rnn --quick`, both layouts: it learns and writes its report and figure scripts.
@Suite struct GISSSectionTests {
    @Test(arguments: ["book", "sequence"])
    func quickRunLearns(layout: String) throws {
        let folder = SectionRun.temporaryFolder("giss-\(layout)")
        let run = try SectionRun.run(
            "ch11-giss-rnn",
            [
                "--quick", "--layout", layout, "--snapshot-epochs", "5,10",
                "--no-figures", "--out", folder,
            ])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("dropped 3 marked missing (2024-10, 2024-11, 2024-12)"))
        #expect(run.standardOutput.contains("753 training and 97 validation windows"))
        #expect(run.standardOutput.contains("Naive forecast \"next month as this one\": validation MAE"))
        let suffix = layout == "book" ? "" : "-sequence"
        let report = try RunReport.read(from: "\(folder)/ch11-giss-rnn\(suffix).metrics.json")
        // Twenty epochs take most of the validation loss away (seen: over 90%).
        #expect(
            report.valLoss.last! < 0.5 * report.valLoss.first!,
            "validation loss did not halve: \(report.valLoss)")
        #expect(
            report.valMAEDenormalized != nil
                && abs(report.valMAEDenormalized! - report.valMAE * 5.1774050847) < 1e-6)
        #expect(report.settings["val_mae_at_epoch_5"] != nil && report.settings["val_mae_at_epoch_10"] != nil)
        // The book's "time steps 160-170" are validation windows 63 to 73 (its axis starts at 97).
        let stretch = try #require(report.maeOn?["book_steps_160_170"])
        #expect(stretch > 0 && stretch != report.valMAE)
        #expect(
            report.maeOn?["epoch_5"]
                == report.settings["val_mae_at_epoch_5"].flatMap { value in
                    if case .double(let number) = value { return number } else { return nil }
                })
        #expect(report.maeOn?["extremes_epoch_10"] != nil)
        #expect(
            report.settings["training_windows"] == .int(753)
                && report.settings["validation_windows"] == .int(97))
        // Snapshots are printed as well as recorded.
        #expect(run.standardOutput.contains("Validation MAE after 5 epochs: "))
        #expect(run.standardOutput.contains("Validation MAE after 20 epochs: "))
        for name in [
            "fig-11-06-giss-record", "fig-11-07-giss-grid", "fig-11-08-giss-split",
            "fig-11-09-giss-predictions-early\(suffix)",
            "fig-11-10-giss-predictions\(suffix)", "fig-11-11-giss-loss\(suffix)",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(name).gp"), "\(name).gp")
        }
    }

    @Test func aBrokenDataFileIsNamed() throws {
        let folder = SectionRun.temporaryFolder("giss-bad")
        try "YEAR,JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC,D-J-F,M-A-M,J-J-A,S-O-N,metANN\n1950,1,2\n"
            .write(toFile: folder + "/station.csv", atomically: true, encoding: .utf8)
        let run = try SectionRun.run("ch11-giss-rnn", ["--quick", "--data", folder, "--out", folder])
        #expect(run.status != 0)
        #expect(
            run.standardError.contains("\(folder)/station.csv:2: expected 18 comma-separated fields, found 3")
        )
    }
}

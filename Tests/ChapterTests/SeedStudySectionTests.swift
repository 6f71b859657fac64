import Foundation
import Testing
import WorkbookData

/// `--seeds` and the measures every report carries, on `ch11-cnn --quick`.
@Suite struct SeedStudySectionTests {
    /// A report without its timings, which are the one thing two runs may differ in.
    func untimed(_ report: RunReport) -> RunReport {
        var report = report
        (report.secondsTotal, report.secondsPerEpoch) = (0, 0)
        return report
    }

    @Test func aStudyOfTwoSeedsEqualsTheTwoSingleRuns() throws {
        let folder = SectionRun.temporaryFolder("ch11-cnn-study")
        let study = try SectionRun.run(
            "ch11-cnn", ["--quick", "--seeds", "42,9", "--out", folder, "--no-figures"])
        #expect(study.status == 0, "\(study.standardError)")
        let report = try SeedStudyReport.read(from: folder + "/ch11-cnn.study.json")
        #expect(report.seeds == [42, 9])
        for (index, seed) in [42, 9].enumerated() {
            let single = SectionRun.temporaryFolder("ch11-cnn-single")
            let run = try SectionRun.run("ch11-cnn", ["--quick", "--seed", "\(seed)", "--out", single])
            #expect(run.status == 0, "\(run.standardError)")
            let alone = try RunReport.read(from: single + "/ch11-cnn.metrics.json")
            let inStudy = try RunReport.read(from: folder + "/seeds/seed-\(seed)/ch11-cnn.metrics.json")
            #expect(untimed(inStudy) == untimed(alone))
            #expect(report.measures["val_mae"]!.values[index] == alone.valMAE)
            #expect(report.measures["best_val_mae"]!.values[index] == alone.bestValMAE!)
            #expect(report.measures["best_epoch"]!.values[index] == Double(alone.bestEpoch))
            #expect(report.measures["final_val_loss"]!.values[index] == Double(alone.valLoss.last!))
            #expect(report.measures["lag_best_shift"]!.values[index] == Double(alone.lag!.bestShift))
        }
        let mae = report.measures["val_mae"]!
        #expect(mae.mean == mae.values.reduce(0, +) / 2 && mae.min <= mae.mean && mae.mean <= mae.max)
        #expect(Double(report.trainLoss.mean.count) == report.measures["epochs"]!.values[0])
        let figure = try String(contentsOfFile: folder + "/fig-ch11-cnn-loss-seeds.gp", encoding: .utf8)
        #expect(figure.contains("set title \"CNN: loss per epoch over 2 seeds\""))
        #expect(study.standardOutput.contains("val_mae: \(fixed(mae.mean, 4)) ± \(fixed(mae.std, 4))"))
    }

    @Test func everyReportCarriesTheSharedMeasures() throws {
        let folder = SectionRun.temporaryFolder("ch11-cnn-measures")
        let run = try SectionRun.run("ch11-cnn", ["--quick", "--out", folder, "--no-figures"])
        #expect(run.status == 0, "\(run.standardError)")
        let report = try RunReport.read(from: folder + "/ch11-cnn.metrics.json")
        let lag = try #require(report.lag)
        #expect(LagMeasure.shifts.contains(lag.bestShift) && lag.correlationAtBest >= lag.correlationAtZero)
        #expect(report.extremesValMAE! > 0 && report.persistence!.valMAE > 0)
        // The synthetic series rises 0.09 a step: a season earlier is about 33 lower.
        #expect(report.seasonal!.valMAE > 25)
        let best = try #require(report.bestValMAE)
        if report.bestEpoch == report.epochs { #expect(best == report.valMAE) } else { #expect(best > 0) }
    }

    @Test func theChapter10NetworkLearns() throws {
        let folder = SectionRun.temporaryFolder("ch11-cnn-dnn")
        let run = try SectionRun.run(
            "ch11-cnn", ["--model", "dnn", "--quick", "--out", folder, "--no-figures"])
        #expect(run.status == 0, "\(run.standardError)")
        let report = try RunReport.read(from: folder + "/ch11-cnn-dnn.metrics.json")
        #expect(report.section == "ch11-cnn-dnn" && report.parameters == 421)
        // Chapter 10's notebook settings, not the CNN's.
        #expect(report.settings["learning_rate"] == .double(1e-3) && report.settings["model"] == "dnn")
        #expect(report.valLoss.last! < report.valLoss.first! * 0.5, "\(report.valLoss)")
        #expect(report.valMAE < report.persistence!.valMAE * 2)
        #expect(FileManager.default.fileExists(atPath: folder + "/fig-dnn-loss.gp"))
    }

    @Test(arguments: [
        (["--seeds", "0"], "--seeds"), (["--seeds", "1,x"], "--seeds"),
        (["--seeds", "3,4,3"], "--seeds lists 3 more than once"),
    ])
    func badSeedListsAreRefused(arguments: [String], message: String) throws {
        let run = try SectionRun.run(
            "ch11-cnn", arguments + ["--quick", "--out", SectionRun.temporaryFolder("s")])
        #expect(run.status == 64)
        #expect(run.standardError.contains(message), "stderr: \(run.standardError)")
    }
}

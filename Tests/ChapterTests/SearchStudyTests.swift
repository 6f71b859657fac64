import CNNSearch
import Foundation
import Testing
import WorkbookData

/// `ch11-cnn-search --seeds`: the top configurations retrained under several seeds, the first of which
/// is the search's own.
@Suite struct SearchStudyTests {
    @Test func theFirstSeedOfTheStudyIsTheSearchItself() throws {
        let folder = SectionRun.temporaryFolder("search-study")
        let run = try SectionRun.run(
            "ch11-cnn-search", ["--quick", "--no-figures", "--no-progress", "--out", folder, "--seeds", "2"])
        #expect(run.status == 0, "\(run.standardError)")
        let report = try JSONDecoder().decode(
            SearchReport.self,
            from: Data(contentsOf: URL(fileURLWithPath: folder + "/" + SearchReport.fileName)))
        let study = try JSONDecoder().decode(
            SearchSeedStudy.self,
            from: Data(contentsOf: URL(fileURLWithPath: folder + "/" + SearchSeedStudy.fileName)))
        #expect(study.seeds == [42, 43])
        // --quick's space has 6 configurations and not the book's winner: the top five are studied.
        #expect(study.entries.map(\.index) == report.ranked.prefix(5).map(\.index))
        for entry in study.entries {
            let searched = report.ranked.first { $0.index == entry.index }!
            #expect(entry.measures["val_mae"]!.values[0] == searched.valMAE)
            #expect(entry.measures["best_epoch"]!.values[0] == Double(searched.bestEpoch))
            #expect(entry.measures["val_mae"]!.values[1] != searched.valMAE)
        }
        #expect(run.standardOutput.contains("over 2 seeds"))
    }

    /// `make figures` reruns the search into a folder that holds its seed study: the ranking it redraws
    /// keeps the study's bars, as the page's caption describes them; an unreadable study is named.
    @Test func aRerunOfTheSearchKeepsItsStudysBars() throws {
        let folder = SectionRun.temporaryFolder("search-rerun")
        let arguments = ["--quick", "--no-figures", "--no-progress", "--out", folder]
        let study = try SectionRun.run("ch11-cnn-search", arguments + ["--seeds", "2"])
        #expect(study.status == 0, "\(study.standardError)")
        let rerun = try SectionRun.run("ch11-cnn-search", arguments)
        #expect(rerun.status == 0, "\(rerun.standardError)")
        let script = try String(contentsOfFile: folder + "/fig-11-05b-search-ranking.gp", encoding: .utf8)
        #expect(script.contains("with yerrorbars"), "the rerun drew the ranking without the study's bars")
        #expect(script.contains("over 2 seeds"))
        // A study file that is not one is named, and the ranking drawn without its bars.
        let studyFile = folder + "/" + SearchSeedStudy.fileName
        try "{ not json".write(toFile: studyFile, atomically: true, encoding: .utf8)
        let broken = try SectionRun.run("ch11-cnn-search", arguments)
        #expect(broken.status == 0, "\(broken.standardError)")
        #expect(broken.standardError.contains(studyFile), "\(broken.standardError)")
        let plain = try String(contentsOfFile: folder + "/fig-11-05b-search-ranking.gp", encoding: .utf8)
        #expect(!plain.contains("yerrorbars"))
    }
}

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
}

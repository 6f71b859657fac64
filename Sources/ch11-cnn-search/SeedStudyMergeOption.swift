import ArgumentParser
import CNNSearch
import Foundation
import Workbook
import WorkbookData

/// `--merge-seeds`: the search's seed study assembled from its parts (`SearchSeedStudy.merge`). The
/// search's `--merge` already ranks the shards of one search, and a folder such as figures/ can hold
/// both a search's results and its seed study, so the parts of a seed study take the name every
/// section gives them, `--merge-seeds`, here too (`SeedStudyMerge` is the other sections' merge).
extension CNNSearchSection: MergesItsOwnSeedStudies {
    /// Refuses, beside --merge-seeds, every option that would choose or run a search: the parts say
    /// which search their study belongs to.
    func validateMergeSeeds() throws {
        guard !mergeSeeds.isEmpty else { return }
        let others = [
            ("--merge", !merge.isEmpty), ("--resume", resume), ("--shard", shard != nil),
            ("--partial", partial),
            ("--seed", common.givenSeed != nil), ("--epochs", common.epochs != nil),
            ("--quick", common.quick),
            ("--live", common.live), ("--conv-layers", convLayers != nil),
            ("--kernel-sizes", kernelSizes != nil), ("--learning-rates", learningRates != nil),
        ]
        .filter(\.1).map(\.0)
        if !others.isEmpty {
            throw ValidationError(
                "--merge-seeds takes the study's search and settings from its parts; it cannot be combined "
                    + "with \(others.joined(separator: ", ")) (--seeds lists the study's seeds, counted from "
                    + "the parts' search seed)")
        }
    }

    /// Writes the merged study and the ranking figure with the study's ranges, from the search's report
    /// in the output folder, or else beside the first part (copied into the output folder).
    func mergeSeedStudy() throws {
        try common.prepareOutput()
        let (study, files) = try SearchSeedStudy.merge(mergeSeeds) { first in seeds?.seeds(from: first) }
        print(study.table)
        print("Seed study: \(try study.write(toFolder: outputFolder)) (merged from \(files.count) parts)")
        let here = (outputFolder as NSString).appendingPathComponent(SearchReport.fileName)
        let beside = ((files[0] as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent(SearchReport.fileName)
        guard let source = [here, beside].first(where: FileManager.default.fileExists) else {
            print("No \(SearchReport.fileName) here or beside \(files[0]): the ranking figure is not drawn.")
            return
        }
        let report = try ReportFile.read(SearchReport.self, from: source, what: "the search's report")
        guard report.seed == study.searchSeed, report.data == study.data, report.space == study.space,
            report.maxEpochs == study.maxEpochs
        else {
            throw SearchError("\(source) is the report of another search than the study's parts")
        }
        if source != here { try AtomicFile.write(FileManager.default.contents(atPath: source)!, to: here) }
        try common.publish([SearchFigures.ranking(report, study: study)])
    }
}

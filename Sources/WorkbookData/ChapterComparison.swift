import Foundation
import SequenceNet

/// How a run's numbers compare with the chapter's own run of the same seed and settings, the report
/// under figures/ that the pages quote: one line a reader can trust, "the same to the last bit" or
/// where the two first part.
public enum ChapterComparison {
    /// Settings that may differ between the two while their epochs still match one for one.
    static let lengthSettings: Set = ["epochs_requested"]

    /// The line for `report` against `chapter`; nil when the two are not runs of one seed and settings.
    public static func line(_ report: RunReport, against chapter: RunReport, chapterPath: String) -> String? {
        guard report.section == chapter.section, report.seed == chapter.seed,
            report.settings.filter({ !lengthSettings.contains($0.key) })
                == chapter.settings.filter({ !lengthSettings.contains($0.key) })
        else { return nil }
        let epochs = min(report.epochs, chapter.epochs)
        for epoch in 0..<epochs {
            for (name, ours, theirs) in [
                ("training loss", report.trainLoss, chapter.trainLoss),
                ("validation loss", report.valLoss, chapter.valLoss),
            ] where ours[epoch].bitPattern != theirs[epoch].bitPattern {
                return "Differs from the chapter's run (\(chapterPath)) from epoch \(epoch + 1): its "
                    + "\(name) is \(ours[epoch]) here, \(theirs[epoch]) there. "
                    + paths(report, chapter)
            }
        }
        guard report.epochs == chapter.epochs else {
            return "The same as the chapter's run (\(chapterPath)) to the last bit, over the \(epochs) "
                + "epochs both ran."
        }
        guard report.valMAE.bitPattern == chapter.valMAE.bitPattern else {
            return "Differs from the chapter's run (\(chapterPath)) in its MAE only: \(report.valMAE) "
                + "here, \(chapter.valMAE) there. " + paths(report, chapter)
        }
        return "The same as the chapter's run (\(chapterPath)) to the last bit: \(epochs) epochs of "
            + "losses and the MAE \(fixed(report.valMAE, 4))."
    }

    /// Where the two runs' products ran, the usual cause of a difference.
    static func paths(_ report: RunReport, _ chapter: RunReport) -> String {
        let here = report.productPath?.description ?? "an unrecorded path"
        let there = chapter.productPath?.description ?? "an unrecorded path"
        return here == there
            ? "Both ran their products on \(here)."
            : "Products here: \(here); there: \(there)."
    }

    /// The line for `report` against the pages' report of the same name (in figures/, or where a "Try
    /// this" run of the same command is kept), read before anything replaces it; nil when there is none
    /// or it is not a run of the same seed and settings.
    public static func line(for report: RunReport) -> String? {
        let path = "\(ChapterRuns.pagesFolder)/\(RunReport.fileName(section: report.section))"
        guard FileManager.default.fileExists(atPath: path),
            let chapter = try? RunReport.read(from: path)
        else { return nil }
        return line(report, against: chapter, chapterPath: path)
    }
}

extension RunReport {
    /// Writes the report, says where, and says how it compares with the chapter's own run.
    public func publish(toFolder folder: String) throws {
        let comparison = ChapterComparison.line(for: self)
        print("Run report: \(try write(toFolder: folder))")
        if let comparison { print(comparison) }
    }
}

// Walkthrough 11.7 (chapters/11-07-bidirectional.md): the book's bidirectional GRU on the Central England
// daily temperatures.
import ArgumentParser
import Workbook
import WorkbookData
import WorkbookFigures

struct BidirectionalSection: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch11-bidirectional",
        abstract:
            "Train the book's bidirectional GRU on the Central England daily temperatures "
            + "(notebook: MAE 0.2782)."
    )

    @OptionGroup var common: CommonOptions<CETBook>
    @OptionGroup var cet: CETOptions

    func run() throws {
        try common.prepareOutput()
        // Once, or once per seed with --seeds (a seed study: long-runs.md).
        try common.runOrStudy(train, reports: { [$0.report] }, then: publish)
    }

    /// The book's model on 11.4's data and training, with the options of `common`.
    func train(_ common: CommonOptions<CETBook>) throws -> CETOutcome {
        // snippet.run
        try runCETExperiment(
            .bidirectionalGRU, section: "ch11-bidirectional" + cet.suffix, common: common, cet: cet)
        // snippet.end
    }

    func publish(_ outcome: CETOutcome) throws {
        print("The book's notebook reached a validation MAE of 0.2782 (normalised).")
        try common.publish(
            outcome.figures(
                allDays: "fig-11-17-bidirectional-predictions" + cet.suffix,
                lastHundred: "fig-11-17b-bidirectional-last-100-days" + cet.suffix,
                losses: "fig-bidirectional-loss" + cet.suffix, title: "Bidirectional GRU on CET"))
    }
}

BidirectionalSection.runSection()

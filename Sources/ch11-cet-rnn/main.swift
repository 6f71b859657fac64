// Walkthrough 11.4 (chapters/11-04-cet.md): the simple RNN on 250 years of daily Central England
// temperatures.
// data -> z-scores -> windows of 60 days -> two RNN layers -> MAE in z and in degrees.
import ArgumentParser
import Workbook
import WorkbookData
import WorkbookFigures

struct CETSection: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch11-cet-rnn",
        abstract:
            "Train the chapter's simple RNN on the Central England daily temperatures "
            + "and report its validation MAE.",
        discussion:
            "Defaults are the book's notebook settings: window 60, split 80,000, hidden 100, dropout 0.1, "
            + "Adam 5e-4, batch 128, 100 epochs."
    )

    @OptionGroup var common: CommonOptions<CETBook>
    @OptionGroup var cet: CETOptions

    func run() throws {
        try common.prepareOutput()
        try common.runOrStudy(
            { try runCETExperiment(.simpleRNN, section: "ch11-cet-rnn" + cet.suffix, common: $0, cet: cet) },
            reports: { [$0.report] }, then: publish)
    }

    func publish(_ outcome: CETOutcome) throws {
        try common.publish(
            outcome.figures(
                allDays: "fig-11-12-cet-predictions" + cet.suffix,
                lastHundred: "fig-11-13-cet-last-100-days" + cet.suffix,
                firstHundred: "fig-11-13-cet-first-100-days" + cet.suffix,
                losses: "fig-11-14-cet-loss" + cet.suffix, title: "Simple RNN on CET"))
    }
}

CETSection.runSection()

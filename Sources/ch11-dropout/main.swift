// Section 11.7: the GRU with dropout, and the recurrent (variational) dropout the chapter describes.
import ArgumentParser
import Workbook

struct DropoutSection: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch11-dropout",
        abstract: "Train the book's GRU with dropout on the Central England daily temperatures, and optionally with recurrent dropout.",
        discussion: """
            --recurrent-dropout P adds a second run whose GRU layers drop units of the state they feed back, with one \
            mask per sequence reused at every step (Gal and Ghahramani), as the chapter's text describes. PyTorch's GRU \
            has no such option; this one is the workbook's own. With the book's one-step layout there is no state to \
            feed back, so compare it with --layout sequence.
            """)

    @OptionGroup var common: CommonOptions<CETBook>
    @OptionGroup var cet: CETOptions
    @Option(help: "Also train with this recurrent dropout probability (0: skip).")
    var recurrentDropout: Float = 0

    func validate() throws {
        guard (0..<1).contains(recurrentDropout) else { throw ValidationError("--recurrent-dropout must be in [0, 1), got \(recurrentDropout)") }
    }

    func run() throws {
        let outcome = try runCETExperiment(.gru, section: "ch11-dropout" + cet.suffix, common: common, cet: cet)
        var figures = [outcome.lossFigure(name: "fig-11-16-dropout-loss" + cet.suffix, title: "GRU with dropout: loss per epoch")]
        if recurrentDropout > 0 {
            let recurrent = try runCETExperiment(.gru, section: "ch11-dropout-recurrent" + cet.suffix, common: common, cet: cet,
                                                 recurrentDropout: recurrentDropout)
            print("Validation MAE: dropout \(fixed(outcome.report.valMAE, 4)), with recurrent dropout \(recurrentDropout): "
                  + "\(fixed(recurrent.report.valMAE, 4))")
            figures.append(recurrent.lossFigure(name: "fig-11-16b-recurrent-dropout-loss" + cet.suffix,
                                                title: "GRU with recurrent dropout \(recurrentDropout): loss per epoch"))
        }
        try common.publish(figures)
    }
}

DropoutSection.main()

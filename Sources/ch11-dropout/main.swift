// Walkthrough 11.6 (chapters/11-06-dropout.md): the GRU with dropout, the same GRU without it, and the
// recurrent (variational)
// dropout the chapter describes.
import ArgumentParser
import Workbook
import WorkbookData
import WorkbookFigures

struct DropoutSection: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch11-dropout",
        abstract:
            "Train the book's GRU with dropout on the Central England daily temperatures, beside the "
            + "same GRU without dropout and optionally with recurrent dropout.",
        discussion: """
            The book's GRU with dropout (report ch11-dropout) is the GRU of section 11.5: its one Dropout \
            layer, before the output layer, is the only dropout that acts. --baseline (the default) also \
            trains it with no dropout at all (ch11-dropout-none), so that the two sets of loss curves can be \
            compared. --recurrent-dropout P adds a run whose GRU layers drop units of the state they feed \
            back, with one mask per sequence reused at every step (Gal and Ghahramani), as the chapter's \
            text describes (ch11-dropout-recurrent). PyTorch's GRU has no such option; this one is the \
            workbook's own. With the book's one-step layout there is no state to feed back, so compare it \
            with --layout sequence.
            """)

    @OptionGroup var common: CommonOptions<CETBook>
    @OptionGroup var cet: CETOptions
    @Flag(inversion: .prefixedNo, help: "Also train the same GRU with no dropout, for comparison.")
    var baseline = true
    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Take the GRU with dropout from ch11-gru-lstm's finished GRU run in the output folder when it "
                + "is the same run (seed, settings, data); it is then not trained twice."))
    var reuse = true
    @Option(parsing: .unconditional, help: "Also train with this recurrent dropout probability (0: skip).")
    var recurrentDropout: Float = 0

    func validate() throws {
        guard (0..<1).contains(recurrentDropout) else {
            throw ValidationError("--recurrent-dropout must be in [0, 1), got \(recurrentDropout)")
        }
    }

    func run() throws {
        try common.prepareOutput()
        try common.runOrStudy(train, reports: { $0.map(\.outcome.report) }, then: publish)
    }

    /// The figures of one seed's runs: the unrolled diagram, each run's losses, and their comparison.
    func publish(_ runs: [(label: String, outcome: CETOutcome)]) throws {
        let outcome = runs.first { $0.outcome.report.section == "ch11-dropout" + cet.suffix }!.outcome
        var figures = [
            UnrolledDiagram.figure(),
            outcome.lossFigure(
                name: "fig-11-16-dropout-loss" + cet.suffix, title: "GRU with dropout: loss per epoch"),
        ]
        if let recurrent = runs.first(where: { $0.outcome.report.section.hasPrefix("ch11-dropout-recurrent") }
        )?
        .outcome {
            figures.append(
                recurrent.lossFigure(
                    name: "fig-11-16b-recurrent-dropout-loss" + cet.suffix,
                    title: "GRU with recurrent dropout \(recurrentDropout) and dropout \(cet.dropout): "
                        + "loss per epoch"))
        }
        if runs.count > 1 {
            // snippet.compare
            print(
                "Validation MAE: "
                    + runs.map { "\($0.label) \(fixed($0.outcome.report.valMAE, 4))" }.joined(separator: ", ")
            )
            // snippet.end
            figures.append(
                LossComparison.figure(
                    name: "fig-11-16c-dropout-comparison" + cet.suffix,
                    title: "GRU on CET: loss with and without dropout" + cet.titleNote,
                    runs: runs.map { ($0.label, $0.outcome.history) }))
        }
        try common.publish(figures)
    }

    /// The runs of one seed (`common`'s): without dropout (with `--baseline`), the book's, and with
    /// recurrent dropout (when asked for), each writing its run report.
    func train(_ common: CommonOptions<CETBook>) throws -> [(label: String, outcome: CETOutcome)] {
        // snippet.runs
        var runs: [(label: String, outcome: CETOutcome)] = []
        if baseline {
            var none = cet
            none.dropout = 0
            runs.append(
                (
                    "no dropout",
                    try runCETExperiment(
                        .gru, section: "ch11-dropout-none" + cet.suffix, common: common, cet: none)
                ))
        }
        // 11.5's GRU is this very run: when ch11-gru-lstm has trained it, its checkpoint is taken over.
        let outcome = try runCETExperiment(
            .gru, section: "ch11-dropout" + cet.suffix, common: common, cet: cet,
            sameRunAs: reuse ? cet.gruLSTMSection(.gru) : nil)
        runs.append(("dropout \(cet.dropout)", outcome))
        if recurrentDropout > 0 {
            let recurrent = try runCETExperiment(
                .gru, section: "ch11-dropout-recurrent" + cet.suffix, common: common, cet: cet,
                recurrentDropout: recurrentDropout)
            // The run keeps the book's dropout too: its label says both.
            runs.append(("recurrent dropout \(recurrentDropout), dropout \(cet.dropout)", recurrent))
        }
        // snippet.end
        return runs
    }
}

DropoutSection.runSection()

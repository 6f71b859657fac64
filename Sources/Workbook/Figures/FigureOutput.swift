import ArgumentParser
import Foundation

extension CommonOptions {
    /// Writes the figures' scripts and data into the output folder and draws them, as the options ask.
    /// Without gnuplot, or when gnuplot fails, the run goes on and says so; only an explicit
    /// `--figures` turns that into a failing exit. A gnuplot that hangs is stopped after its time limit
    /// and not asked for the remaining figures. A file that cannot be written stops the run.
    public func publish(_ figures: [Figure]) throws {
        let writer = FigureWriter(folder: outputFolder)
        var undrawn: [String] = []
        var advice = "see gnuplot's message above"
        var drawing = self.figures != false
        for figure in figures {
            switch try writer.write(figure, draw: drawing) {
            case .drawn(let path):
                print(drawing ? "Figure: \(path)" : "Figure script: \(writer.path(figure.scriptFileName))")
                if !drawing && self.figures != false { undrawn.append(figure.name) }
            case .gnuplotMissing:
                advice = "gnuplot is not installed: \(FigureWriter.installHint)"
                undrawn.append(figure.name)
            case .failed(let message):
                undrawn.append(figure.name)
                printToStandardError("gnuplot could not draw \(figure.name):\n\(message)\n")
            case .timedOut(let seconds):
                undrawn.append(figure.name)
                drawing = false
                let limit = String(format: "%g", seconds)
                printToStandardError("gnuplot did not finish \(figure.name) within \(limit) s and was stopped; "
                                     + "the remaining figures get their scripts only.\n")
                advice = "draw them later with `gnuplot <name>.gp` in that folder "
                    + "(CH11_GNUPLOT_TIME_LIMIT sets the limit)"
            }
        }
        guard !undrawn.isEmpty else { return }
        printToStandardError("\(undrawn.count) figure(s) not drawn (\(undrawn.joined(separator: ", "))); "
            + "their scripts and data are in \(outputFolder); \(advice)\n")
        if self.figures == true { throw ExitCode.failure }
    }

    /// With `--figures`, a gnuplot that cannot draw is refused now, before any training, not after it.
    func checkFiguresCanBeDrawn() throws {
        guard figures == true, let problem = FigureWriter.problem() else { return }
        throw ValidationError("--figures: \(problem)")
    }
}

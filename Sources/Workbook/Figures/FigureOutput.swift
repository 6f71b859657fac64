import ArgumentParser
import Foundation

extension OutputOptions {
    /// Writes the figures' scripts and data into `folder` and draws them, as the options ask.
    /// Without gnuplot, or when gnuplot fails, the run goes on and says so; only an explicit
    /// `--figures` turns that into a failing exit. A gnuplot that hangs is stopped after its time limit
    /// and not asked for the remaining figures. A file that cannot be written stops the run.
    public func publish(_ figures: [Figure], into folder: String) throws {
        let writer = FigureWriter(folder: folder)
        var undrawn: [String] = []
        var advice = "see gnuplot's message above"
        var drawing = self.figures != false
        for figure in figures {
            switch try writer.write(figure, draw: drawing) {
            case .drawn(let path):
                print("Figure: \(path)")
            case .scriptOnly(let path):
                print("Figure script: \(path)")
                // Undrawn only when drawing was wanted and a hung gnuplot stopped it.
                if self.figures != false { undrawn.append(figure.name) }
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
                printToStandardError(
                    "gnuplot did not finish \(figure.name) within \(limit) s and was stopped; "
                        + "the remaining figures get their scripts only.\n")
                advice =
                    "draw them later with `gnuplot <name>.gp` in that folder "
                    + "(CH11_GNUPLOT_TIME_LIMIT sets the limit)"
            }
        }
        guard !undrawn.isEmpty else { return }
        printToStandardError(
            "\(undrawn.count) figure(s) not drawn (\(undrawn.joined(separator: ", "))); "
                + "their scripts and data are in \(folder); \(advice)\n")
        if self.figures == true { throw ExitCode.failure }
    }
}

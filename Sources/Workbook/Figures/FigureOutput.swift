import ArgumentParser
import Foundation

extension CommonOptions {
    /// Writes the figures' scripts and data into the output folder and draws them, as the options ask.
    /// Without gnuplot, or when gnuplot fails, the run goes on and says so; only an explicit
    /// `--figures` turns that into a failing exit.
    public func publish(_ figures: [Figure]) throws {
        let writer = FigureWriter(folder: outputFolder)
        var undrawn: [String] = []
        var gnuplotMissing = false
        for figure in figures {
            switch try writer.write(figure, draw: self.figures != false) {
            case .drawn(let path):
                print(self.figures == false ? "Figure script: \(writer.path(figure.scriptFileName))" : "Figure: \(path)")
            case .gnuplotMissing:
                gnuplotMissing = true
                undrawn.append(figure.name)
            case .failed(let message):
                undrawn.append(figure.name)
                printToStandardError("gnuplot could not draw \(figure.name):\n\(message)\n")
            }
        }
        guard !undrawn.isEmpty else { return }
        let advice = gnuplotMissing ? "gnuplot is not installed: \(FigureWriter.installHint)" : "see gnuplot's message above"
        printToStandardError("\(undrawn.count) figure(s) not drawn (\(undrawn.joined(separator: ", "))); "
            + "their scripts and data are in \(outputFolder); \(advice)\n")
        if self.figures == true { throw ExitCode.failure }
    }
}

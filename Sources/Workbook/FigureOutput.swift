import Foundation
import Synchronization
import WorkbookData
import WorkbookFigures

extension OutputOptions {
    /// Writes the figures' scripts and data into `folder` and draws them, as the options ask.
    /// Without gnuplot, or when gnuplot fails, the run goes on and says so; only an explicit
    /// `--figures` turns that into a failing exit. A gnuplot that hangs is stopped after its time limit
    /// and not asked for the remaining figures. A file that cannot be written stops the run.
    public func publish(_ figures: [Figure], into folder: String) throws {
        // SIGINT and SIGTERM are caught while gnuplot draws, so that its group is ended and its
        // partial image removed, rather than the run dying and leaving both behind.
        try Interrupt.catching { try publishCatchingStops(figures, into: folder) }
    }

    private func publishCatchingStops(_ figures: [Figure], into folder: String) throws {
        var writer = FigureWriter(folder: folder)
        writer.stopsOnInterrupt = true
        var undrawn: [String] = []
        var advice = "see gnuplot's message above"
        let wanted = self.figures != false
        // One hang in this run is enough: a later figure would cost the time limit again.
        var drawing = wanted && !FigureWriter.hasHung
        if wanted && !drawing { advice = FigureWriter.hungAdvice }
        var stopped: String? = nil
        for figure in figures {
            switch try writer.write(figure, draw: drawing && stopped == nil) {
            case .drawn(let path):
                print("Figure: \(path)")
            case .scriptOnly(let path):
                print("Figure script: \(path)")
                // Undrawn only when drawing was wanted and a hung or stopped gnuplot prevented it.
                if wanted { undrawn.append(figure.name) }
            case .gnuplotMissing:
                advice = "gnuplot is not installed: \(FigureWriter.installHint)"
                undrawn.append(figure.name)
            case .failed(let message):
                undrawn.append(figure.name)
                printToStandardError("gnuplot could not draw \(figure.name):\n\(message)\n")
            case .timedOut(let seconds):
                undrawn.append(figure.name)
                drawing = false
                FigureWriter.noteHang()
                let limit = String(format: "%g", seconds)
                printToStandardError(
                    "gnuplot did not finish \(figure.name) within \(limit) s and was stopped; "
                        + "the remaining figures get their scripts only.\n")
                advice = FigureWriter.hungAdvice
            case .interrupted:
                undrawn.append(figure.name)
                stopped = figure.name
            }
        }
        if let stopped {
            let cause = Interrupt.cause
            printToStandardError(
                "Stopped by \(cause.name) while gnuplot drew \(stopped): gnuplot was ended and its "
                    + "unfinished image removed. The figures' scripts and data are in \(folder); "
                    + "`gnuplot <name>.gp` there draws them.\n")
            throw WorkbookError.exit(status: cause.status)
        }
        guard !undrawn.isEmpty else { return }
        printToStandardError(
            "\(undrawn.count) figure(s) not drawn (\(undrawn.joined(separator: ", "))); "
                + "their scripts and data are in \(folder); \(advice)\n")
        if self.figures == true { throw WorkbookError.exit(status: 1) }
    }
}

extension FigureWriter {
    /// Whether gnuplot has hung over a figure in this run; later figures then get their scripts only.
    static var hasHung: Bool { gnuplotHung.load(ordering: .relaxed) }

    static func noteHang() { gnuplotHung.store(true, ordering: .relaxed) }

    static let hungAdvice =
        "draw them later with `gnuplot <name>.gp` in that folder (CH11_GNUPLOT_TIME_LIMIT sets the limit)"
}

/// Set once gnuplot has hung in this process (see `FigureWriter.hasHung`).
private let gnuplotHung = Atomic<Bool>(false)

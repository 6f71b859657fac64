import Foundation
import WorkbookData

/// Where a live plot is drawn: in a window when there is a display and gnuplot can open one, else as
/// text with gnuplot's `dumb` terminal on standard error.
enum LiveDisplay: Equatable {
    /// A window of one of gnuplot's window terminals (qt, wxt, x11).
    case window(terminal: String)
    /// Text of `columns` by `rows` characters; redrawn over itself when standard error is a terminal.
    case text(columns: Int, rows: Int, inPlace: Bool)

    /// gnuplot's window terminals, in the order they are preferred.
    static let windowTerminals = ["qt", "wxt", "x11"]

    /// The display for this process: a window if `DISPLAY` (or `WAYLAND_DISPLAY`) is set and `gnuplot`
    /// has a window terminal, else text sized to the terminal.
    static func choose(
        gnuplot: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> LiveDisplay {
        let displays = [environment["DISPLAY"], environment["WAYLAND_DISPLAY"]]
        let hasDisplay = displays.contains { !($0 ?? "").isEmpty }
        if hasDisplay, let terminal = windowTerminal(of: gnuplot) { return .window(terminal: terminal) }
        let (columns, lines) = terminalSize(environment: environment)
        // Two lines fewer than the screen: a frame's form feed takes one, and the line above the frame
        // must be on screen to return to (see `LivePlot.show`).
        return .text(
            columns: max(40, columns - 1), rows: max(12, lines - 2),
            inPlace: isatty(STDERR_FILENO) == 1)
    }

    /// The first of `windowTerminals` that this gnuplot was built with, asked of gnuplot itself.
    static func windowTerminal(of gnuplot: String, timeLimit: Double = 5) -> String? {
        // `print` writes to standard error. A gnuplot that does not answer in time (or leaves a process
        // behind) is ended with its group, and means no window.
        let (ending, text) = ChildProcess.run(gnuplot, ["-e", "print GPVAL_TERMINALS"], timeLimit: timeLimit)
        guard ending == .exited(status: 0) else { return nil }
        let available = Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        return windowTerminals.first { available.contains($0) }
    }

    /// Columns and lines of the terminal on standard error, else `COLUMNS` and `LINES`, else 80 by 24.
    static func terminalSize(environment: [String: String]) -> (columns: Int, lines: Int) {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
            return (Int(size.ws_col), Int(size.ws_row))
        }
        return (
            environment["COLUMNS"].flatMap { Int($0) } ?? 80,
            environment["LINES"].flatMap { Int($0) } ?? 24
        )
    }
}

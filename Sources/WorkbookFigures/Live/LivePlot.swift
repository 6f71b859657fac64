import Foundation
import WorkbookData

/// A plot redrawn while a run goes on (`--live`): one gnuplot process, fed one whole frame per update.
///
/// Drawing never holds up the run. When gnuplot falls behind, frames are dropped; when it dies, or its
/// window is closed, the plot stops, says so once, and `replacesProgress` turns false so that the
/// progress lines come back. Figures are drawn apart from this, from files, as before.
public final class LivePlot: @unchecked Sendable {
    /// Where the frames are drawn.
    let display: LiveDisplay
    private let pipe: GnuplotPipe
    private var framesSent = 0
    /// The newest frame, if it was dropped: sent at the end, so that the final curve is the one on screen.
    private var droppedLast: String?
    private var saidStopped = false

    /// How to get gnuplot, for the refusal when it is missing.
    public static let installHint =
        "install it (Debian/Ubuntu: sudo apt-get install gnuplot-nox, "
        + "or gnuplot-qt for a window), or run without --live"

    /// Starts gnuplot, or refuses (before any training) when it is not on the PATH. `settings` are
    /// gnuplot commands sent once, before the first frame (labels, ranges that do not change).
    public convenience init(title: String, settings: String) throws {
        let gnuplot = try Self.requireGnuplot()
        try self.init(
            title: title, settings: settings, gnuplot: gnuplot,
            display: LiveDisplay.choose(gnuplot: gnuplot))
    }

    /// Starts `gnuplot` drawing on `display`.
    init(title: String, settings: String, gnuplot: String, display: LiveDisplay) throws {
        self.display = display
        switch display {
        case .window(let terminal):
            // -persist keeps the window, with the final curve, after gnuplot's input ends.
            pipe = try GnuplotPipe(gnuplot: gnuplot, arguments: ["-persist"], output: .nullDevice)
            pipe.sendAlways(
                """
                set terminal \(terminal) noraise title "\(Self.quoted(title))"
                bind "Close" "exit gnuplot"

                """)
        case let .text(columns, rows, _):
            // A copy of standard error, not fd 2 itself: Process sets up the child's descriptors in no
            // fixed order, and gnuplot's own fd 2 (its messages) may be redirected before fd 2 is copied.
            let terminal = FileHandle(fileDescriptor: dup(STDERR_FILENO), closeOnDealloc: true)
            pipe = try GnuplotPipe(gnuplot: gnuplot, arguments: [], output: terminal)
            pipe.sendAlways("set terminal dumb nofeed size \(columns),\(rows)\nset print \"-\"\n")
        }
        pipe.sendAlways(settings + "\n")
    }

    /// gnuplot's path, or the refusal of `--live` with the install hint.
    @discardableResult
    public static func requireGnuplot() throws -> String {
        guard let gnuplot = FigureWriter.gnuplotPath() else {
            throw WorkbookError.invalid("--live needs gnuplot, which is not on the PATH: \(installHint)")
        }
        return gnuplot
    }

    /// Whether the plot, drawn as text, stands in for the progress lines (while gnuplot lives): its
    /// title carries their numbers, and both on one screen would write over each other.
    public var replacesProgress: Bool { drawsText && !pipe.isClosed }

    /// Sends one frame: gnuplot commands with their data inline, ending in the plot command. Returns
    /// at once; a frame that finds gnuplot still busy is dropped.
    public func show(_ frame: String) {
        var commands = frame.hasSuffix("\n") ? frame : frame + "\n"
        if case .text(_, let rows, let inPlace) = display, framesSent > 0 {
            // A dumb frame starts with a form feed, which a terminal takes as a line feed, and its last
            // line has no newline; `print` ends with one. On a terminal: back to the line the previous
            // frame started on (up rows + 1, then down one) to draw over it; elsewhere, a new line.
            commands = (inPlace ? "print \"\\r\\033[\(rows + 1)A\"\n" : "print \"\"\n") + commands
        }
        droppedLast = nil
        switch pipe.send(frame: commands) {
        case .sent: framesSent += 1
        case .dropped: droppedLast = commands
        case .closed: sayStopped()
        }
    }

    /// Ends the stream: the last frame stays on screen (a window stays open) and the output that
    /// follows starts on a line of its own.
    public func finish() {
        let wasDrawing = !pipe.isClosed
        if let droppedLast { pipe.sendAlways(droppedLast) }
        let ending = pipe.close()
        switch ending {
        case .finished: if drawsText && framesSent > 0 { printToStandardError("\n") }
        case .diedEarly: sayStopped()
        case .stopped:
            let newline = wasDrawing && drawsText && framesSent > 0 ? "\n" : ""
            printToStandardError(
                newline
                    + "--live: gnuplot did not take the last frame in time and was stopped\n")
        case .hung:
            let newline = drawsText && framesSent > 0 ? "\n" : ""
            printToStandardError(
                newline + "--live: gnuplot did not exit after the last frame; it was stopped, "
                    + "with whatever it had started\n")
        }
    }

    private var drawsText: Bool {
        if case .text = display { return true }
        return false
    }

    private func sayStopped() {
        guard !saidStopped else { return }
        saidStopped = true
        let newline = framesSent > 0 && drawsText ? "\n" : ""
        printToStandardError(
            newline + "--live: the live plot stopped (\(pipe.exitDescription())); "
                + "the run goes on with progress lines\n")
    }

    /// `text` safe inside a gnuplot double-quoted string.
    public static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

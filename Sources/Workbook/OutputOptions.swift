import ArgumentParser
import Foundation
import SequenceNet
import WorkbookData
import WorkbookFigures

/// Where a run writes and whether it draws: the options every section takes, those that train or not.
public struct OutputOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Folder for the run's reports and figures (default: figures for the chapter's "
                + "own runs, runs for any other settings).", valueName: "dir"))
    public var out: String?

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Draw the figures with gnuplot; with --figures a figure that cannot be drawn is an error, with "
                + "--no-figures only their scripts and data are written "
                + "(default: draw when gnuplot is installed)."
        ))
    public var figures: Bool?

    public init() {}

    public func validate() throws {
        // With --figures, a gnuplot that cannot draw is refused now, before any training, not after it.
        if figures == true, let problem = FigureWriter.problem() {
            throw ValidationError("--figures: \(problem)")
        }
    }

    /// Where reports and figures go: `--out`, else a temporary folder for a `quick` run, else
    /// figures/ for the chapter's own runs and runs/ for any other (see `ChapterRuns`).
    public func folder(quick: Bool = false) -> String {
        if let out { return out }
        if quick { return (NSTemporaryDirectory() as NSString).appendingPathComponent("ch11-quick") }
        return ChapterRuns.defaultFolder
    }

    /// The first thing a run does: says when it writes into runs/ rather than figures/, then makes the
    /// folder and checks that it can be written, so that output with nowhere to go fails before any work,
    /// and, when `lock`, locks it against a second run (`FolderLock`). The shared folder of `--quick`
    /// runs given no --out is not locked: a first look may run beside another.
    public func prepare(quick: Bool = false, lock: Bool = true) throws {
        if out == nil, !quick, let note = ChapterRuns.note { print(note) }
        if let warning = ProductPath.current.warning { print(warning) }
        try AtomicFile.checkWritable(folder: folder(quick: quick))
        if lock, out != nil || !quick { try FolderLock.hold(folder(quick: quick)) }
    }
}

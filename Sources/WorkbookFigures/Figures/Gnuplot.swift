import Foundation
import WorkbookData

/// Writes figures into a folder and has gnuplot draw them.
///
/// Scripts and data are written atomically. gnuplot draws each PNG under a temporary name that is
/// renamed into place only when gnuplot succeeded and the image is whole, so a failed drawing never
/// leaves a broken image over a good one, nor a temporary file behind. gnuplot runs with a time limit.
public struct FigureWriter {
    public let folder: String
    /// Seconds gnuplot may take over one figure before it is stopped: 120 (the chapter's largest takes
    /// about a second), or the environment's `CH11_GNUPLOT_TIME_LIMIT`.
    public var timeLimit: Double
    /// Whether a stop request (`Interrupt`) ends gnuplot at once: set by a run that draws inside
    /// `Interrupt.catching`; a writer used on its own is not ended by another thread's request.
    public var stopsOnInterrupt = false

    public init(folder: String, timeLimit: Double = FigureWriter.defaultTimeLimit) {
        self.folder = folder
        self.timeLimit = timeLimit
    }

    public static var defaultTimeLimit: Double {
        let given = ProcessInfo.processInfo.environment["CH11_GNUPLOT_TIME_LIMIT"].flatMap(Double.init)
        return given.flatMap { $0 > 0 ? $0 : nil } ?? 120
    }

    /// What became of one figure.
    public enum Outcome: Equatable, Sendable {
        case drawn(path: String)
        /// Only the script and data are written, as asked (`draw: false`); the script's path.
        case scriptOnly(path: String)
        /// The script and data are written; gnuplot is not installed.
        case gnuplotMissing
        /// gnuplot ran and failed; its own error text, or what went wrong.
        case failed(message: String)
        /// gnuplot was still drawing after the time limit and was stopped.
        case timedOut(seconds: Double)
        /// A stop (SIGINT, SIGTERM) was asked for while gnuplot drew; it was stopped.
        case interrupted
    }

    /// Writes the shared style, the figure's data and script, then draws it when `draw` is set.
    /// A file that cannot be written (a full disk) is an error naming it.
    @discardableResult
    public func write(_ figure: Figure, draw: Bool = true) throws -> Outcome {
        try AtomicFile.write(FigureStyle.text, to: path(FigureStyle.fileName))
        for data in figure.data { try AtomicFile.write(data.text, to: path(data.fileName)) }
        try AtomicFile.write(figure.script, to: path(figure.scriptFileName))
        guard draw else { return .scriptOnly(path: path(figure.scriptFileName)) }
        return try render(figure)
    }

    func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    private func render(_ figure: Figure) throws -> Outcome {
        guard let gnuplot = Self.gnuplotPath() else { return .gnuplotMissing }
        let finalPath = path(figure.imageFileName)
        let partialPath = AtomicFile.temporaryPath(for: finalPath)
        defer { unlink(partialPath) }
        let partialName = (partialPath as NSString).lastPathComponent
        // A stop asked for while gnuplot draws ends its group at once; the defer removes its image.
        let (ending, errors) = ChildProcess.run(
            gnuplot, ["-e", "outfile='\(partialName)'", figure.scriptFileName], folder: folder,
            timeLimit: timeLimit, interruptible: stopsOnInterrupt)
        switch ending {
        case .timedOut: return .timedOut(seconds: timeLimit)
        case .interrupted: return .interrupted
        case .killedBySignal(let signal):
            return .failed(message: "gnuplot was killed by signal \(signal)\n" + errors)
        case .exited(let status) where status != 0:
            return .failed(message: errors.isEmpty ? "gnuplot exited with status \(status)" : errors)
        case .exited:
            break
        }
        guard FileManager.default.fileExists(atPath: partialPath) else {
            return .failed(
                message: "gnuplot finished without drawing \(figure.name) (no image came out)\n"
                    + errors)
        }
        // gnuplot does not always notice a full disk; a PNG that lacks its end chunk was cut short.
        guard PNGCheck.isWhole(partialPath) else {
            throw WorkbookError.io(
                "cannot write \(finalPath): gnuplot's image came out incomplete "
                    + "(No space left on device?)" + (errors.isEmpty ? "" : "\n" + errors))
        }
        try AtomicFile.move(finished: partialPath, to: finalPath)
        return .drawn(path: finalPath)
    }

    /// gnuplot on the PATH, if any.
    static func gnuplotPath() -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/gnuplot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Why gnuplot cannot draw this workbook's figures here (not installed, no PNG terminal, hangs), or
    /// nil when it can: asked before a run that insists on figures trains anything.
    public static func problem(timeLimit: Double = FigureWriter.defaultTimeLimit) -> String? {
        guard let gnuplot = gnuplotPath() else { return "gnuplot is not installed: \(installHint)" }
        let (ending, errors) = ChildProcess.run(
            gnuplot, ["-e", "set terminal pngcairo"], timeLimit: timeLimit)
        switch ending {
        case .exited(status: 0): return nil
        case .timedOut: return "\(gnuplot) did not answer within \(String(format: "%g", timeLimit)) s"
        default:
            let said = errors.trimmingCharacters(in: .whitespacesAndNewlines)
            let reason = said.isEmpty ? "" : ": " + said
            return "\(gnuplot) cannot draw PNG images (set terminal pngcairo failed\(reason)); " + installHint
        }
    }

    /// How to get gnuplot, for the message when it is missing.
    public static let installHint =
        "install it (Debian/Ubuntu: sudo apt-get install gnuplot-nox fonts-dejavu-core), "
        + "then run the section again or `gnuplot <name>.gp` in the figures folder"
}

/// Whether a file is a complete PNG: the signature at the start and the IEND chunk at the end.
enum PNGCheck {
    static func isWhole(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 20 else { return false }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let end: [UInt8] = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]  // "IEND" and its CRC
        return data.starts(with: signature) && data.suffix(8).elementsEqual(end)
    }
}

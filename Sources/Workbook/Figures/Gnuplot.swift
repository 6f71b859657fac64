import Foundation

/// Writes figures into a folder and has gnuplot draw them.
///
/// Scripts and data are written atomically. gnuplot draws each PNG under a temporary name that is
/// renamed into place only when it succeeded, so a failed drawing never leaves a broken image over
/// a good one, nor a temporary file behind.
public struct FigureWriter {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// What became of one figure.
    public enum Outcome: Equatable, Sendable {
        case drawn(path: String)
        /// The script and data are written; gnuplot is not installed.
        case gnuplotMissing
        /// gnuplot ran and failed; its own error text.
        case failed(message: String)
    }

    /// Writes the shared style, the figure's data and script, then draws it when `draw` is set.
    @discardableResult
    public func write(_ figure: Figure, draw: Bool = true) throws -> Outcome {
        try AtomicFile.write(FigureStyle.text, to: path(FigureStyle.fileName))
        for data in figure.data { try AtomicFile.write(data.text, to: path(data.fileName)) }
        try AtomicFile.write(figure.script, to: path(figure.scriptFileName))
        guard draw else { return .drawn(path: path(figure.imageFileName)) }
        return render(figure)
    }

    func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    private func render(_ figure: Figure) -> Outcome {
        guard let gnuplot = Self.gnuplotPath() else { return .gnuplotMissing }
        let partial = figure.imageFileName + ".partial"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gnuplot)
        process.arguments = ["-e", "outfile='\(partial)'", figure.scriptFileName]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { return .failed(message: "cannot start \(gnuplot): \(error)") }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let partialPath = path(partial), finalPath = path(figure.imageFileName)
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: partialPath) else {
            try? FileManager.default.removeItem(atPath: partialPath)
            return .failed(message: message.isEmpty ? "gnuplot exited with status \(process.terminationStatus)" : message)
        }
        guard rename(partialPath, finalPath) == 0 else {
            try? FileManager.default.removeItem(atPath: partialPath)
            return .failed(message: "cannot move \(partialPath) to \(finalPath)")
        }
        return .drawn(path: finalPath)
    }

    /// gnuplot on the PATH, if any.
    static func gnuplotPath() -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/gnuplot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// How to get gnuplot, for the message when it is missing.
    public static let installHint = "install it (Debian/Ubuntu: sudo apt-get install gnuplot-nox fonts-dejavu-core), "
        + "then run the section again or `gnuplot <name>.gp` in the figures folder"
}

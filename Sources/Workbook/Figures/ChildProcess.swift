import Foundation

/// Runs a program with a time limit, for child processes the run cannot vouch for (gnuplot): past the
/// limit it is stopped (SIGTERM, then SIGKILL), so a hung child cannot hang the run.
struct ChildProcess {
    /// How a run ended.
    enum Ending: Equatable {
        case exited(status: Int32)
        case killedBySignal(Int32)
        case timedOut
    }

    let executable: String
    let arguments: [String]
    var folder: String? = nil
    /// Seconds before the child is stopped.
    var timeLimit: Double

    /// Runs it to the end or the time limit; returns how it ended and what it wrote to standard error.
    /// Standard error goes to a file, not a pipe: a child that hangs holding a pipe open would hang
    /// the reader.
    func run() -> (ending: Ending, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let errorsPath = AtomicFile.temporaryPath(for: NSTemporaryDirectory() + "/child-errors")
        let errorsFile =
            FileManager.default.createFile(atPath: errorsPath, contents: nil)
            ? FileHandle(forWritingAtPath: errorsPath) : nil
        defer { unlink(errorsPath) }
        process.standardError = errorsFile ?? FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            return (.exited(status: 127), "cannot start \(executable): \(error)")
        }
        let finished = waitForExit(process, seconds: timeLimit)
        if !finished {
            process.terminate()
            if !waitForExit(process, seconds: 2) { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        try? errorsFile?.close()
        let errors = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
        guard finished else { return (.timedOut, errors) }
        if process.terminationReason == .uncaughtSignal {
            return (.killedBySignal(process.terminationStatus), errors)
        }
        return (.exited(status: process.terminationStatus), errors)
    }

    private func waitForExit(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            if Date() >= deadline { return false }
            usleep(10_000)
        }
        return true
    }
}

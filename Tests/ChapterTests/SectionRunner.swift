import Foundation

/// Runs a section's built executable, as a reader would from the shell, and captures what it says.
struct SectionRun {
    let status: Int32
    let standardOutput: String
    let standardError: String
    /// The run outlived the test's time limit and was killed.
    var timedOut = false

    /// The folder holding the built executables: the one the test binary itself was built into.
    static let productsFolder: URL = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // On Linux the runner may live inside a bundle folder (…/X.xctest/…); step out of it.
        while folder.path.contains(".xctest") { folder = folder.deletingLastPathComponent() }
        return folder
    }()

    /// Runs to the end; `environment` adds to (or replaces entries of) this process's; `directory` is
    /// its working folder (default: this process's); a run still going after `timeLimit` seconds is
    /// killed, so that a hang fails its test instead of hanging the suite.
    static func run(
        _ section: String, _ arguments: [String], environment: [String: String] = [:],
        directory: String? = nil, timeLimit: Double = 600
    ) throws -> SectionRun {
        let running = try RunningSection(section, arguments, environment: environment, directory: directory)
        return try running.finish(timeLimit: timeLimit)
    }

    static func temporaryFolder(_ name: String) -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A section started and not yet finished, for tests that watch or signal a run while it works.
final class RunningSection {
    let process = Process()
    private let folder: String
    private let outPath: String, errPath: String

    init(
        _ section: String, _ arguments: [String], environment: [String: String] = [:],
        directory: String? = nil
    ) throws {
        process.executableURL = SectionRun.productsFolder.appendingPathComponent(section)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // Output goes to files rather than pipes, so a chatty run can never block on a full pipe.
        folder = SectionRun.temporaryFolder("\(section)-output")
        (outPath, errPath) = (folder + "/stdout", folder + "/stderr")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
    }

    /// What the run has written to standard output so far.
    var standardOutputSoFar: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }

    /// Waits until `condition` holds or the run ends (false) or `timeLimit` seconds pass (false).
    func wait(until condition: () -> Bool, timeLimit: Double = 120) -> Bool {
        let deadline = Date().addingTimeInterval(timeLimit)
        while Date() < deadline {
            if condition() { return true }
            if !process.isRunning { return condition() }
            usleep(5_000)
        }
        return false
    }

    /// Waits for the end (killing the run after `timeLimit` seconds) and collects its output.
    func finish(timeLimit: Double = 600) throws -> SectionRun {
        let ended = wait(until: { !process.isRunning }, timeLimit: timeLimit)
        if !ended { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return SectionRun(
            status: process.terminationStatus,
            standardOutput: try String(contentsOfFile: outPath, encoding: .utf8),
            standardError: try String(contentsOfFile: errPath, encoding: .utf8), timedOut: !ended)
    }
}

import Foundation

/// Runs a section's built executable, as a reader would from the shell, and captures what it says.
struct SectionRun {
    let status: Int32
    let standardOutput: String
    let standardError: String

    /// The folder holding the built executables: the one the test binary itself was built into.
    static let productsFolder: URL = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // On Linux the runner may live inside a bundle folder (…/X.xctest/…); step out of it.
        while folder.path.contains(".xctest") { folder = folder.deletingLastPathComponent() }
        return folder
    }()

    static func run(_ section: String, _ arguments: [String]) throws -> SectionRun {
        let process = Process()
        process.executableURL = productsFolder.appendingPathComponent(section)
        process.arguments = arguments
        // Output goes to files rather than pipes, so a chatty run can never block on a full pipe.
        let folder = temporaryFolder("\(section)-output")
        let outPath = folder + "/stdout", errPath = folder + "/stderr"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return SectionRun(status: process.terminationStatus,
                          standardOutput: try String(contentsOfFile: outPath, encoding: .utf8),
                          standardError: try String(contentsOfFile: errPath, encoding: .utf8))
    }

    static func temporaryFolder(_ name: String) -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

import Foundation

/// A tmpfs of a few kilobytes, mounted for one test, to see what a run does when its disk fills up.
/// Mounting needs root (and a kernel that lets this process mount); elsewhere the tests that use it
/// are skipped.
struct SmallDisk {
    let path: String

    init?(kilobytes: Int) {
        path = SectionRun.temporaryFolder("small-disk")
        let mounted = Self.command("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path])
        guard mounted else { return nil }
    }

    func unmount() { _ = Self.command("/bin/umount", [path]) }

    /// Whether a small disk can be mounted here at all.
    static let available: Bool = {
        guard geteuid() == 0, let probe = SmallDisk(kilobytes: 16) else { return false }
        probe.unmount()
        return true
    }()

    private static func command(_ path: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

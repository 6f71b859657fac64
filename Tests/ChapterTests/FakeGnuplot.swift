import Foundation

/// A folder holding a `gnuplot` shell script that stands in for the real one, put first in PATH so that
/// a section runs it instead: for the failures a real gnuplot rarely shows on demand (a hang, a silent exit).
struct FakeGnuplot {
    let folder: String

    /// `body` is the script after `#!/bin/sh`.
    init(_ body: String) throws {
        folder = SectionRun.temporaryFolder("fake-gnuplot")
        let path = folder + "/gnuplot"
        try "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    /// The environment that makes a section find this gnuplot first.
    var environment: [String: String] {
        ["PATH": folder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
    }

    /// A PATH without any gnuplot at all.
    static var absent: [String: String] { ["PATH": SectionRun.temporaryFolder("no-gnuplot")] }
}

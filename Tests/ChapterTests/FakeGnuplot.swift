import Foundation

/// A folder holding a `gnuplot` shell script that stands in for the real one, put first in PATH so that
/// a section runs it instead: for the failures a real gnuplot rarely shows on demand (a hang, a silent exit).
///
/// Each start notes its process id in `pids`: a run starts gnuplot in a process group of its own, so
/// that id is the group's, and `endLeftovers` ends whatever a test's run left in those groups.
struct FakeGnuplot {
    let folder: String

    /// `body` is the script after `#!/bin/sh` (and the line that notes the process id).
    init(_ body: String) throws {
        folder = SectionRun.temporaryFolder("fake-gnuplot")
        let path = folder + "/gnuplot"
        try "#!/bin/sh\necho $$ >> '\(folder)/pids'\n\(body)\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    /// The fake gnuplot already in `folder`.
    init(folder: String) { self.folder = folder }

    /// A gnuplot that starts a process of its own which outlives it (`sleep 300 &`), reads its input to
    /// the end and then waits for that process: it never exits by itself.
    static func leavingAChildBehind() throws -> FakeGnuplot {
        try FakeGnuplot("sleep 300 &\ncat > /dev/null\nwait")
    }

    /// The environment that makes a section find this gnuplot first.
    var environment: [String: String] {
        ["PATH": folder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
    }

    /// A PATH without any gnuplot at all.
    static var absent: [String: String] { ["PATH": SectionRun.temporaryFolder("no-gnuplot")] }

    /// The process ids of this gnuplot's starts so far.
    var starts: [Int32] {
        let text = (try? String(contentsOfFile: folder + "/pids", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { Int32($0) }
    }

    /// The processes still running (zombies aside) in the groups of this gnuplot's starts.
    var leftovers: [Int32] { starts.flatMap(Self.livingMembers(ofGroup:)) }

    /// Ends every process left in this gnuplot's groups: a test ends what it started.
    func endLeftovers() {
        for group in starts where !Self.livingMembers(ofGroup: group).isEmpty { kill(-group, SIGKILL) }
    }

    /// The processes of group `group` that are not zombies, read from /proc.
    static func livingMembers(ofGroup group: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let nameEnd = stat.range(of: ") ", options: .backwards)
            else { return nil }
            // After "pid (name) ": state, parent, group.
            let fields = stat[nameEnd.upperBound...].split(separator: " ")
            guard fields.count > 2, fields[0] != "Z", Int32(fields[2]) == group else { return nil }
            return pid
        }
    }
}

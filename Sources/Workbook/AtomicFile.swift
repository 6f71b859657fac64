import Foundation

/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in the
/// same folder, which is then renamed over the target in one step.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw WorkbookError.io("cannot write \(path): \(error.localizedDescription)")
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Makes `folder` if need be and checks that files can be made in it, so that a run whose output
    /// has nowhere to go says so before it trains, not after.
    public static func checkWritable(folder: String) throws {
        if let problem = makeFolder(folder) {
            throw WorkbookError.io("cannot make the output folder \(folder): \(problem); choose another with --out")
        }
        let probe = (folder as NSString).appendingPathComponent(".write-check-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else {
            throw WorkbookError.io("cannot write into the output folder \(folder); choose another with --out")
        }
        try? FileManager.default.removeItem(atPath: probe)
    }

    /// Makes a folder and its parents with mkdir(2), for the system's own words when that fails
    /// (Foundation's are vaguer): nil on success, else the reason.
    private static func makeFolder(_ path: String) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return nil }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, let problem = makeFolder(parent) { return problem }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { return String(cString: strerror(errno)) }
        return nil
    }
}

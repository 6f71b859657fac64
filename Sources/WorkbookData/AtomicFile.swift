import Foundation

/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in the
/// same folder, are flushed to the disk and checked, and only then is the file renamed over the
/// target in one step. On any failure the temporary file is removed and the target is untouched.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let folder = PathNames.parent(of: path)
        if let problem = folderProblem(folder.isEmpty ? "." : folder) {
            throw WorkbookError.io("cannot write \(path): cannot make its folder: \(problem)")
        }
        let temporary = temporaryPath(for: path)
        if let problem = writeWhole(data, to: temporary) ?? move(temporary, to: path) {
            unlink(temporary)
            throw WorkbookError.io("cannot write \(path): \(problem)")
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Renames a finished temporary file (one that another program wrote, such as gnuplot's image)
    /// onto its final name; on failure the temporary file is removed.
    public static func move(finished temporary: String, to path: String) throws {
        if let problem = flushToDisk(temporary) ?? move(temporary, to: path) {
            unlink(temporary)
            throw WorkbookError.io("cannot write \(path): \(problem)")
        }
    }

    /// A name beside `path` that no other writer uses: hidden, with this process's id and a random part.
    public static func temporaryPath(for path: String) -> String {
        let folder = PathNames.parent(of: path), name = (path as NSString).lastPathComponent
        let unique = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        return (folder as NSString).appendingPathComponent(".\(name).partial-\(unique)")
    }

    /// Writes every byte with write(2), which reports a full disk, then fsync(2), which reports what the
    /// disk refused later: nil on success, else the system's reason.
    private static func writeWhole(_ data: Data, to path: String) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return reason() }
        var problem: String? = data.withUnsafeBytes { raw -> String? in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return written < 0 ? reason() : "the disk took no more bytes" }
                offset += written
            }
            return nil
        }
        if problem == nil, fsync(descriptor) != 0 { problem = reason() }
        if close(descriptor) != 0, problem == nil { problem = reason() }
        return problem
    }

    private static func flushToDisk(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return reason() }
        defer { close(descriptor) }
        return fsync(descriptor) == 0 ? nil : reason()
    }

    private static func move(_ temporary: String, to path: String) -> String? {
        rename(temporary, path) == 0 ? nil : reason()
    }

    private static func reason() -> String { String(cString: strerror(errno)) }

    /// Makes `folder` if need be and checks that files can be made in it, so that a run whose output
    /// has nowhere to go says so before it trains, not after.
    public static func checkWritable(folder: String) throws {
        if let problem = folderProblem(folder) {
            throw WorkbookError.io(
                "cannot make the output folder \(folder): \(problem); choose another with --out")
        }
        let probe = (folder as NSString).appendingPathComponent(
            ".write-check-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else {
            throw WorkbookError.io("cannot write into the output folder \(folder); choose another with --out")
        }
        try? FileManager.default.removeItem(atPath: probe)
    }

    /// Makes `folder` and its parents if need be.
    public static func makeFolder(_ folder: String) throws {
        if let problem = folderProblem(folder) {
            throw WorkbookError.io("cannot make the folder \(folder): \(problem)")
        }
    }

    /// Makes a folder and its parents with mkdir(2), for the system's own words when that fails
    /// (Foundation's are vaguer): nil on success, else the reason.
    private static func folderProblem(_ path: String) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return nil
        }
        let parent = PathNames.parent(of: path)
        if !parent.isEmpty, parent != path, let problem = folderProblem(parent) { return problem }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { return String(cString: strerror(errno)) }
        return nil
    }
}

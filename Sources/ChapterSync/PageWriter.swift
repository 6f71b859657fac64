import Foundation

/// Writes a mended page over the old one, as the page's owner would edit it: through a symbolic link to
/// the file it names, keeping its permissions, all or nothing. A page that could not be edited in place
/// (read-only, not a regular file) is refused rather than replaced by a new file that a rename could
/// put over it anyway.
extension ChapterSync {
    /// Why the page `file` (relative to the root) cannot be rewritten in place; nil when it can.
    public func writeProblem(_ file: String) -> String? {
        let target = root.appendingPathComponent(file).resolvingSymlinksInPath().path
        var status = stat()
        guard stat(target, &status) == 0 else { return String(cString: strerror(errno)) }
        guard status.st_mode & S_IFMT == S_IFREG else { return "it is not a regular file" }
        // The mode too: root may write any file, but a page its owner made read-only stays so.
        guard access(target, W_OK) == 0, status.st_mode & 0o222 != 0 else {
            return "it is read-only; make it writable first (chmod u+w)"
        }
        let folder = (target as NSString).deletingLastPathComponent
        guard access(folder, W_OK) == 0 else {
            return "its folder \(folder) is read-only, so the new text cannot be written beside it"
        }
        return nil
    }

    /// Writes `text` over the page `file`: into a temporary file beside the page's real file, with its
    /// permissions, flushed, then renamed over it.
    public func writePage(_ text: String, to file: String) throws {
        let target = root.appendingPathComponent(file).resolvingSymlinksInPath().path
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let temporary = (folder as NSString).appendingPathComponent(
            ".\(name).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        var status = stat()
        let mode = stat(target, &status) == 0 ? status.st_mode & 0o7777 : 0o644
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw PageWriteError(file: file, reason: Self.reason()) }
        var problem: String? = nil
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count, problem == nil {
            let written = bytes.withUnsafeBytes {
                write(descriptor, $0.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { problem = written < 0 ? Self.reason() : "the disk took no more bytes" }
            offset += max(written, 0)
        }
        // The umask may have narrowed the mode open(2) was given.
        if problem == nil, fchmod(descriptor, mode) != 0 { problem = Self.reason() }
        if problem == nil, fsync(descriptor) != 0 { problem = Self.reason() }
        if close(descriptor) != 0, problem == nil { problem = Self.reason() }
        if problem == nil, rename(temporary, target) != 0 { problem = Self.reason() }
        if let problem {
            unlink(temporary)
            throw PageWriteError(file: file, reason: problem)
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}

/// A page that could not be written; the page itself is as it was.
public struct PageWriteError: Error, CustomStringConvertible {
    public let file: String
    public let reason: String
    public var description: String { "\(file): cannot write: \(reason); the page is unchanged" }
}

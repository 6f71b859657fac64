import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Synchronization
import WorkbookData

/// The one writer of a results file. It holds an exclusive lock (flock) on the file for as long as
/// it lives, so that a second run aimed at the same file stops at once instead of interleaving with
/// the first, and it appends each result as one whole line in one write, so that an interruption
/// leaves every finished configuration on disk and at most a torn last line, which readers drop.
public final class ResultsAppender: Sendable {
    public let path: String
    private let descriptor: Int32
    /// Held while a result is written: workers finish at the same time, their lines do not mix.
    private let writing = Mutex(())

    /// Opens `path` (making it and its folder if need be) and locks it; refuses when another process
    /// holds the lock.
    public init(path: String) throws {
        self.path = path
        let folder = PathNames.parent(of: path)
        try AtomicFile.makeFolder(folder.isEmpty ? "." : folder)
        descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.failure(path, "cannot open the file for writing") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            close(descriptor)
            throw ResultsFile.Failure(
                file: path, line: 0,
                problem: busy
                    ? "another ch11-cnn-search run is writing this file; wait for it, "
                        + "or give this run another --out"
                    : "cannot lock the file: \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(descriptor) }  // closing releases the lock

    /// The file's text as it is now (empty for a new file).
    public func currentText() throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Self.failure(path, "cannot read the file")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Starts a new search in the file: earlier results are first kept under the first free name
    /// `<file>.previous`, `<file>.previous.2`, ... (returned), then the file holds only `header`.
    public func start(header: String) throws -> String? {
        let earlier = try currentText()
        var kept: String? = nil
        if !earlier.isEmpty {
            var candidate = path + ".previous", number = 1
            while FileManager.default.fileExists(atPath: candidate) {
                number += 1
                candidate = path + ".previous.\(number)"
            }
            try AtomicFile.write(earlier, to: candidate)
            kept = candidate
        }
        guard ftruncate(descriptor, 0) == 0 else { throw Self.failure(path, "cannot empty the file") }
        try writeWhole(header)
        return kept
    }

    /// Cuts the file back to its first `length` bytes (dropping a torn last line before appending).
    public func truncate(to length: Int) throws {
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw Self.failure(path, "cannot cut off the torn last line")
        }
    }

    public func append(_ result: SearchResult) throws {
        try writing.withLock { _ in try writeWhole(ResultsFile.line(result)) }
    }

    /// Writes `text` at the end of the file; O_APPEND places each write after everything before it.
    private func writeWhole(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                throw Self.failure(path, "cannot write: \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(written)
        }
    }

    private static func failure(_ path: String, _ problem: String) -> ResultsFile.Failure {
        ResultsFile.Failure(file: path, line: 0, problem: problem)
    }
}

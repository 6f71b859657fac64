import Foundation

/// A gnuplot process fed through a non-blocking pipe, a whole frame at a time.
///
/// Training must never wait for gnuplot: a frame that finds the pipe still busy with the one before is
/// dropped. A frame is never cut: what the pipe did not take of it is kept and sent before anything
/// else, so gnuplot always reads whole command sets.
final class GnuplotPipe {
    /// What became of a frame handed to `send`.
    enum Delivery: Equatable {
        /// Written whole, or its start written and the rest queued.
        case sent
        /// Skipped: the previous frame is still on its way.
        case dropped
        /// gnuplot is gone: it exited, or closed its input.
        case closed
    }

    private let process = Process()
    /// The pipe's writing end, closed through its FileHandle, which would otherwise close the descriptor
    /// a second time when freed (by then perhaps another file's).
    private let writer: FileHandle
    private let input: Int32
    /// Bytes of the last frame the pipe has not yet taken.
    private var pending: [UInt8] = []
    /// Where gnuplot's own messages go, read when it dies to say why.
    private let errorsPath: String
    private(set) var isClosed = false

    /// Starts `gnuplot` with `arguments`, drawing to `output` (a terminal, or nothing for a window).
    init(gnuplot: String, arguments: [String], output: FileHandle) throws {
        // A write to a pipe whose reader is gone would kill the process with SIGPIPE; ignored, the
        // write fails with EPIPE instead, which is how a dead gnuplot is noticed.
        signal(SIGPIPE, SIG_IGN)
        errorsPath = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("live-gnuplot-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorsPath, contents: nil)
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: gnuplot)
        process.arguments = arguments
        process.standardInput = pipe
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: errorsPath)
        do { try process.run() } catch {
            throw WorkbookError.io("--live: cannot start \(gnuplot): \(error)")
        }
        writer = pipe.fileHandleForWriting
        input = writer.fileDescriptor
        _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
    }

    deinit { try? FileManager.default.removeItem(atPath: errorsPath) }

    /// Sends commands that must arrive (settings, not frames): queued behind whatever is pending.
    func sendAlways(_ text: String) {
        guard !isClosed else { return }
        pending += Array(text.utf8)
        drain()
    }

    /// Sends one frame unless the previous one is still being taken.
    func send(frame text: String) -> Delivery {
        guard !isClosed else { return .closed }
        drain()
        if isClosed { return .closed }
        guard pending.isEmpty else { return .dropped }
        pending = Array(text.utf8)
        drain()
        return isClosed ? .closed : .sent
    }

    /// Writes as much of `pending` as the pipe takes now, without waiting.
    private func drain() {
        while !pending.isEmpty {
            let written = pending.withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
            if written > 0 {
                pending.removeFirst(written)
            } else if written < 0 && errno == EINTR {
                continue
            } else if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return
            } else {
                markClosed()  // EPIPE: gnuplot has gone
                return
            }
        }
        if !process.isRunning { markClosed() }
    }

    private func markClosed() {
        isClosed = true
        pending = []
    }

    /// How the stream ended.
    enum Ending: Equatable {
        /// gnuplot read its input to the end and exited.
        case finished
        /// gnuplot was gone before its input ended.
        case diedEarly
        /// gnuplot did not finish in time and was stopped.
        case stopped
    }

    /// Finishes the stream: gives the last frame up to `drainSeconds` to go in, closes gnuplot's input
    /// and gives it up to `exitSeconds` to draw and exit, then stops it.
    func close(drainSeconds: Double = 2, exitSeconds: Double = 3) -> Ending {
        let drainBy = Date().addingTimeInterval(drainSeconds)
        while !isClosed, !pending.isEmpty, Date() < drainBy {
            var ready = pollfd(fd: input, events: Int16(POLLOUT), revents: 0)
            _ = poll(&ready, 1, 50)
            drain()
        }
        if !process.isRunning { markClosed() }
        let diedEarly = isClosed
        isClosed = true
        try? writer.close()
        let exitBy = Date().addingTimeInterval(exitSeconds)
        while process.isRunning, Date() < exitBy { usleep(10_000) }
        let stopped = process.isRunning
        if stopped {
            process.terminate()
            let killBy = Date().addingTimeInterval(1)
            while process.isRunning, Date() < killBy { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        return diedEarly ? .diedEarly : stopped ? .stopped : .finished
    }

    /// Why gnuplot went away: its exit status and last message, for the one line that says so.
    func exitDescription() -> String {
        guard !process.isRunning else { return "gnuplot closed its input" }
        let errors = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
        let last = errors.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return "gnuplot exited with status \(process.terminationStatus)" + (last.map { ": \($0)" } ?? "")
    }
}

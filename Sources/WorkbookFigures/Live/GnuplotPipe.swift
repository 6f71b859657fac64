import Foundation
import WorkbookData

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

    private let child: ChildProcess
    /// The pipe's writing end (non-blocking), closed by `close`.
    private let input: Int32
    /// Bytes of the last frame the pipe has not yet taken.
    private var pending: [UInt8] = []
    /// Where gnuplot's own messages go, read when it dies to say why.
    private let errorsPath: String
    private(set) var isClosed = false
    private var inputClosed = false

    /// Starts `gnuplot` with `arguments` in a process group of its own, drawing to `output` (a
    /// terminal, or nothing for a window).
    init(gnuplot: String, arguments: [String], output: FileHandle) throws {
        // A write to a pipe whose reader is gone would kill the process with SIGPIPE; ignored, the
        // write fails with EPIPE instead, which is how a dead gnuplot is noticed.
        signal(SIGPIPE, SIG_IGN)
        errorsPath = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("live-gnuplot-\(UUID().uuidString).err")
        let errors = open(errorsPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { if errors >= 0 { Foundation.close(errors) } }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw WorkbookError.io("--live: cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        // Neither end may leak into another child; gnuplot gets the reading end as its input.
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        defer { Foundation.close(ends[0]) }
        do {
            child = try ChildProcess(
                executable: gnuplot, arguments: arguments, input: ends[0],
                output: output.fileDescriptor, errors: errors >= 0 ? errors : nil)
        } catch {
            Foundation.close(ends[1])
            throw WorkbookError.io("--live: \(error)")
        }
        // A -persist window is meant to outlive gnuplot: it is ended only if gnuplot must be stopped.
        child.endsGroupOnExit = !arguments.contains("-persist")
        input = ends[1]
        _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        if !inputClosed { Foundation.close(input) }
        try? FileManager.default.removeItem(atPath: errorsPath)
    }

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
        if child.poll() != nil { markClosed() }
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
        /// gnuplot did not take the last frame in time and was stopped.
        case stopped
        /// gnuplot took every frame but did not exit in time (it, or something it started, hung); it
        /// was stopped with whatever it started.
        case hung
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
        if child.poll() != nil { markClosed() }
        let diedEarly = isClosed, undrained = !pending.isEmpty
        isClosed = true
        if !inputClosed {
            Foundation.close(input)
            inputClosed = true
        }
        // Bounded: a gnuplot that does not exit in time is ended with whatever it started.
        let stopped = child.wait(seconds: exitSeconds) == nil
        if stopped { child.stop(grace: 1) }
        return diedEarly ? .diedEarly : !stopped ? .finished : undrained ? .stopped : .hung
    }

    /// Why gnuplot went away: its exit status and last message, for the one line that says so.
    func exitDescription() -> String {
        guard let ending = child.poll() else { return "gnuplot closed its input" }
        let errors = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
        let last = errors.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let how: String
        switch ending {
        case .exited(let status): how = "gnuplot exited with status \(status)"
        case .killedBySignal(let signal): how = "gnuplot was killed by signal \(signal)"
        case .timedOut, .interrupted: how = "gnuplot was stopped"
        }
        return how + (last.map { ": \($0)" } ?? "")
    }
}

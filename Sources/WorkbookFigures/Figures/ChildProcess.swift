import Foundation
import WorkbookData

/// A program the run cannot vouch for (gnuplot), started in a process group of its own so that it and
/// whatever it starts can be ended together, waited for with a bound, and reaped with waitpid.
///
/// Foundation's `Process` is not used: on Linux it watches a child through a descriptor that the
/// child's own children inherit, so its `waitUntilExit` (and reading a pipe to its end) waits for every
/// descendant; a gnuplot that leaves a process behind then hangs the run however short its time limit.
final class ChildProcess {
    /// How a child ended.
    enum Ending: Equatable {
        case exited(status: Int32)
        case killedBySignal(Int32)
        /// Still running after its time limit; its group was ended.
        case timedOut
        /// A stop was asked for (SIGINT, SIGTERM) while waiting; its group was ended.
        case interrupted
    }

    /// The child's process id, which is also its process group's id.
    let pid: pid_t
    /// Set once the child has been reaped.
    private(set) var ending: Ending? = nil
    /// Whether what the child leaves in its group when it exits is ended with it (yes, but for a
    /// gnuplot window kept open on purpose by `-persist`, whose window process outlives gnuplot).
    var endsGroupOnExit = true

    /// Starts `executable` in a new process group, in `folder` if given, with the given descriptors as
    /// its standard input, output and error (nil: /dev/null). No other descriptor of this process leaks
    /// into it, and it starts with the signals this process catches or ignores back at their defaults.
    init(
        executable: String, arguments: [String], folder: String? = nil, input: Int32? = nil,
        output: Int32? = nil, errors: Int32? = nil
    ) throws {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        // In order: output first, as `errors` may be this process's standard error, then copied over.
        for (descriptor, target) in [(output, STDOUT_FILENO), (errors, STDERR_FILENO), (input, STDIN_FILENO)]
        {
            if let descriptor, descriptor >= 0 {
                posix_spawn_file_actions_adddup2(&actions, descriptor, target)
            } else {
                posix_spawn_file_actions_addopen(
                    &actions, target, "/dev/null", target == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
            }
        }
        // The write end of a live plot's pipe must not reach gnuplot, or its input never ends.
        _ = Spawn.closeFrom?(&actions, 3)
        if let folder {
            guard let changeFolder = Spawn.changeFolder else {
                throw WorkbookError.io("cannot start \(executable) in \(folder): the C library cannot")
            }
            _ = changeFolder(&actions, folder)
        }
        var defaults = sigset_t(), none = sigset_t()
        sigemptyset(&defaults)
        sigemptyset(&none)
        for number in [SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGHUP] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child = pid_t()
        var failed = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        // A script just written may still be open for writing in a child another thread is starting
        // (ETXTBSY) until that child execs: a moment later it can be run.
        for _ in 0..<20 where failed == ETXTBSY {
            usleep(10_000)
            failed = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        }
        guard failed == 0 else {
            throw WorkbookError.io("cannot start \(executable): \(String(cString: strerror(failed)))")
        }
        pid = child
    }

    /// Ends the group if the child was never waited for (an error between start and wait).
    deinit { if ending == nil { _ = stop() } }

    /// How the child ended, if it has: then whatever it left running in its group is ended too, and
    /// the child is reaped. Never waits.
    func poll() -> Ending? {
        if let ending { return ending }
        // Seen exited but not yet reaped, the child's id cannot be reused, so its group can be ended
        // safely: nothing of another program can be in it.
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info.si_signo == SIGCHLD
        else { return nil }
        if endsGroupOnExit { kill(-pid, SIGKILL) }
        ending = reap()
        return ending
    }

    /// Waits up to `seconds` for the child to end (nil: it has not), giving up early with `.interrupted`
    /// (after ending the group) when `Interrupt` records a stop request.
    func wait(seconds: Double, interruptible: Bool = false) -> Ending? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let ending = poll() { return ending }
            if interruptible && Interrupt.requested {
                _ = stop()
                ending = .interrupted
                return ending
            }
            if Date() >= deadline { return nil }
            usleep(10_000)
        }
    }

    /// Runs the child to its end, or ends its group after `timeLimit` seconds.
    func finish(timeLimit: Double, interruptible: Bool = false) -> Ending {
        if let ending = wait(seconds: timeLimit, interruptible: interruptible) { return ending }
        _ = stop()
        ending = .timedOut
        return .timedOut
    }

    /// Ends the child's whole group: SIGTERM, up to `grace` seconds to go, then SIGKILL; reaps the child.
    /// Returns how it ended.
    @discardableResult
    func stop(grace: Double = 2) -> Ending {
        if let ending { return ending }
        kill(-pid, SIGTERM)
        if let ending = wait(seconds: grace) { return ending }
        kill(-pid, SIGKILL)
        // After SIGKILL the kernel ends the child without its cooperation: this wait is bounded.
        ending = reap()
        return ending!
    }

    /// Reaps the child, which has ended or been killed.
    private func reap() -> Ending {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED and WTERMSIG are macros Swift does not import: the low 7 bits name the signal.
        let signal = status & 0x7f
        return signal == 0 ? .exited(status: (status >> 8) & 0xff) : .killedBySignal(signal)
    }

    /// Runs `executable` to its end or its time limit, its standard error kept in a temporary file (a
    /// file, not a pipe: a child that hangs holding a pipe would hang the reader); returns how it ended
    /// and what it wrote there.
    static func run(
        _ executable: String, _ arguments: [String], folder: String? = nil, timeLimit: Double,
        interruptible: Bool = false
    ) -> (ending: Ending, errors: String) {
        let errorsPath = AtomicFile.temporaryPath(for: NSTemporaryDirectory() + "/child-errors")
        let errors = open(errorsPath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        defer {
            if errors >= 0 { close(errors) }
            unlink(errorsPath)
        }
        let child: ChildProcess
        do {
            child = try ChildProcess(
                executable: executable, arguments: arguments, folder: folder,
                errors: errors >= 0 ? errors : nil)
        } catch {
            return (.exited(status: 127), "\(error)")
        }
        let ending = child.finish(timeLimit: timeLimit, interruptible: interruptible)
        return (ending, (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? "")
    }
}

/// glibc's spawn actions that Swift's Glibc module does not show (they are GNU extensions), looked up
/// by name: changing the child's folder (glibc 2.29) and closing its inherited descriptors (2.34).
private enum Spawn {
    typealias ChangeFolder =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static let changeFolder: ChangeFolder? = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map {
        unsafeBitCast($0, to: ChangeFolder.self)
    }
    static let closeFrom: CloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: CloseFrom.self)
    }
}

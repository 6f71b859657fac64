import Foundation
import Synchronization

/// Stop requests seen while `Interrupt.catching` runs. A signal handler may only touch lock-free
/// state, hence atomics and nothing else.
private let interruptCount = Atomic<Int>(0)
/// The signal of the first request (SIGINT or SIGTERM).
private let interruptSignal = Atomic<Int32>(0)

/// Ctrl-C (SIGINT) and SIGTERM (what Slurm, systemd and `kill` send) during training: the first asks
/// the run to stop after the batch in progress, so that it can say where its checkpoint is; a second
/// ends the process at once.
public enum Interrupt {
    /// The signals caught.
    static let signals: [Int32] = [SIGINT, SIGTERM]

    /// Runs `body` with SIGINT and SIGTERM caught as above, then puts back what they did before.
    public static func catching<T>(_ body: () throws -> T) rethrows -> T {
        interruptCount.store(0, ordering: .relaxed)
        interruptSignal.store(0, ordering: .relaxed)
        // A process may inherit these signals blocked (some runners and test harnesses block them):
        // unblock them here, or a scheduler's SIGTERM would wait unseen until the run ends.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in signals { sigaddset(&unblocked, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        let previous = signals.map { number in
            signal(number) { number in
                _ = interruptSignal.compareExchange(expected: 0, desired: number, ordering: .relaxed)
                if interruptCount.add(1, ordering: .relaxed).newValue > 1 { _exit(128 + number) }
            }
        }
        defer { for (number, handler) in zip(signals, previous) { signal(number, handler) } }
        return try body()
    }

    /// Whether a stop has been asked for inside `catching`.
    public static var requested: Bool { interruptCount.load(ordering: .relaxed) > 0 }

    /// How the stop was asked for, for messages ("Ctrl-C" or "SIGTERM"), and the status that
    /// conventionally reports it (128 + the signal: 130, 143).
    static var cause: (name: String, status: Int32) {
        let number = interruptSignal.load(ordering: .relaxed)
        return number == SIGTERM ? ("SIGTERM", 128 + SIGTERM) : ("Ctrl-C", 128 + SIGINT)
    }

    /// Sends this process a SIGINT, as a Ctrl-C would (for tests of the interrupted path). The handler
    /// runs on this thread before `raise` returns.
    public static func simulate() { raise(SIGINT) }
}

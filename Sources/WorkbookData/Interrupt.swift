import Foundation
import Synchronization

/// Stop requests seen while `Interrupt.catching` runs. A signal handler may only touch lock-free
/// state, hence atomics and nothing else.
private let interruptCount = Atomic<Int>(0)
/// The signal of the first request (SIGINT or SIGTERM).
private let interruptSignal = Atomic<Int32>(0)
/// Set when `catching` ends, for its signal thread to return.
private let listenerDone = Atomic<Bool>(false)
/// How many `catching` calls are running (on this thread: they nest, never run side by side).
private let catchingDepth = Atomic<Int>(0)

/// Notes a stop request; the second one ends the process at once. Safe in a signal handler.
private func recordStopRequest(_ number: Int32) {
    _ = interruptSignal.compareExchange(expected: 0, desired: number, ordering: .relaxed)
    if interruptCount.add(1, ordering: .relaxed).newValue > 1 { _exit(128 + number) }
}

/// Ctrl-C (SIGINT) and SIGTERM (what Slurm, systemd and `kill` send) during training: the first asks
/// the run to stop after the batch in progress, so that it can say where its checkpoint is; a second
/// ends the process at once.
///
/// The signals are taken by a thread of their own, waiting in `sigwait`, and kept away from the
/// threads that train (the trainer's partner thread blocks them too). Delivered into a thread that was
/// inside oneDNN's `sgemm` while the other core was too, a SIGTERM corrupted the heap in about one run
/// in thirty (`CheckpointResumeTests`); a thread that only waits for signals has nothing to corrupt.
/// The handler stays installed for a thread that does not block them (a library's own threads).
public enum Interrupt {
    /// The signals caught.
    static let signals: [Int32] = [SIGINT, SIGTERM]

    /// Runs `body` with SIGINT and SIGTERM caught as above, then puts back what they did before.
    public static func catching<T>(_ body: () throws -> T) rethrows -> T {
        // Inside another `catching`, the signals are already caught and its request stands.
        guard catchingDepth.add(1, ordering: .relaxed).newValue == 1 else {
            defer { catchingDepth.subtract(1, ordering: .relaxed) }
            return try body()
        }
        defer { catchingDepth.subtract(1, ordering: .relaxed) }
        interruptCount.store(0, ordering: .relaxed)
        interruptSignal.store(0, ordering: .relaxed)
        listenerDone.store(false, ordering: .relaxed)
        var caught = sigset_t(), before = sigset_t()
        sigemptyset(&caught)
        for signal in signals { sigaddset(&caught, signal) }
        // Blocked here, so in every thread started from here on; the listener takes them with
        // sigwait, which also sees signals a process inherited blocked (some runners block them).
        pthread_sigmask(SIG_BLOCK, &caught, &before)
        let previous = signals.map { number in signal(number) { recordStopRequest($0) } }
        var listener = pthread_t()
        let started = pthread_create(
            &listener, nil,
            { _ in
                var caught = sigset_t()
                sigemptyset(&caught)
                for signal in Interrupt.signals { sigaddset(&caught, signal) }
                while true {
                    var number: Int32 = 0
                    // sigwait fails only for an invalid set; the handler then remains.
                    guard sigwait(&caught, &number) == 0 else { return nil }
                    if listenerDone.load(ordering: .acquiring) { return nil }
                    recordStopRequest(number)
                }
            }, nil)
        defer {
            if started == 0 {
                listenerDone.store(true, ordering: .releasing)
                pthread_kill(listener, SIGINT)
                pthread_join(listener, nil)
            }
            for (number, handler) in zip(signals, previous) { signal(number, handler) }
            pthread_sigmask(SIG_SETMASK, &before, nil)
        }
        return try body()
    }

    /// Whether a stop has been asked for inside `catching` (false outside it: a request seen by an
    /// earlier `catching` does not outlive it).
    public static var requested: Bool {
        catchingDepth.load(ordering: .relaxed) > 0 && interruptCount.load(ordering: .relaxed) > 0
    }

    /// How the stop was asked for, for messages ("Ctrl-C" or "SIGTERM"), and the status that
    /// conventionally reports it (128 + the signal: 130, 143).
    package static var cause: (name: String, status: Int32) {
        let number = interruptSignal.load(ordering: .relaxed)
        return number == SIGTERM ? ("SIGTERM", 128 + SIGTERM) : ("Ctrl-C", 128 + SIGINT)
    }

    /// Asks for a stop as a Ctrl-C would (for tests of the interrupted path), at once on this thread.
    public static func simulate() { recordStopRequest(SIGINT) }
}

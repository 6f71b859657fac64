import Foundation
import Synchronization

/// Ctrl-C presses seen while `Interrupt.catching` runs. A signal handler may only touch lock-free
/// state, hence an atomic counter and nothing else.
private let interruptCount = Atomic<Int>(0)

/// Ctrl-C (SIGINT) during training: the first press asks the run to stop after the batch in progress,
/// so that it can say where its checkpoint is; a second press ends the process at once.
public enum Interrupt {
    /// Runs `body` with Ctrl-C caught as above, then puts back what SIGINT did before.
    public static func catching<T>(_ body: () throws -> T) rethrows -> T {
        interruptCount.store(0, ordering: .relaxed)
        // A process may inherit SIGINT blocked (some runners and test harnesses block it); unblock it here.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
        let previous = signal(SIGINT) { _ in
            if interruptCount.add(1, ordering: .relaxed).newValue > 1 { _exit(130) }
        }
        defer { signal(SIGINT, previous) }
        return try body()
    }

    /// Whether Ctrl-C has been pressed inside `catching`.
    public static var requested: Bool { interruptCount.load(ordering: .relaxed) > 0 }

    /// Sends this process a SIGINT, as a Ctrl-C would (for tests of the interrupted path). The handler
    /// runs on this thread before `raise` returns.
    public static func simulate() { raise(SIGINT) }
}

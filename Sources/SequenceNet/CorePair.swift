import Foundation
import Synchronization

/// The calling thread and one partner thread of its own, running the two parts of a piece of work at
/// once: the trainer's two workers (with Adam's pass inside their parts: AdamDuringBackward), the two
/// halves of an evaluation. The caller runs part 0, the partner part 1.
///
/// A batch hands work over once, and a CNN batch takes under a millisecond, so the hand-off must be
/// quick: a sleeping thread takes tens of microseconds to wake (the profile showed 14% of a CNN epoch
/// in the kernel's wake-ups with Dispatch). The partner therefore spins for a while after each part,
/// watching for the next, and only then sleeps; the caller spins while it waits for the partner's part.
/// OpenMP's threads, which PyTorch uses, wait the same way.
///
/// Owned by one trainer and used from one thread at a time. The partner is a plain POSIX thread,
/// joined when the pair goes, so that no thread outlives its trainer.
final class CorePair {
    private let shared = PairState()
    private var partner = pthread_t()

    init() {
        let context = Unmanaged.passRetained(shared).toOpaque()
        let status = pthread_create(
            &partner, nil,
            { context in
                // The process's signals go to other threads (see `Interrupt` in Workbook); faults
                // stay this thread's own.
                var signals = sigset_t()
                sigfillset(&signals)
                for fault in [SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT] {
                    sigdelset(&signals, fault)
                }
                pthread_sigmask(SIG_BLOCK, &signals, nil)
                let shared = Unmanaged<PairState>.fromOpaque(context!).takeRetainedValue()
                shared.serve()
                return nil
            }, context)
        precondition(status == 0, "could not start the second core's thread (pthread_create: \(status))")
    }

    deinit {
        shared.stop()
        pthread_join(partner, nil)
    }

    /// Calls `body(0)` here and `body(1)` on the partner, and returns when both are done.
    func run(_ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            let generation = shared.post(body)
            body(0)
            shared.wait(for: generation)
        }
    }
}

/// What the two threads share: the posted part and two counters, each thread writing one.
private final class PairState: @unchecked Sendable {
    /// Parts posted and parts the partner finished; the partner's part n is done when `finished` is n.
    private let posted = Atomic<Int>(0), finished = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    /// Written by the caller before it posts, read by the partner after it sees the post.
    private var job: ((Int) -> Void)?
    private let sleep = NSCondition()
    /// About a tenth of a millisecond of checking before the partner sleeps: longer than the gap
    /// between a batch's hand-offs, short enough to cost nothing while a program does other things.
    private static let spins = 1 << 17

    /// Hands `job` to the partner; returns its number.
    func post(_ job: @escaping (Int) -> Void) -> Int {
        self.job = job
        sleep.lock()
        let generation = posted.add(1, ordering: .releasing).newValue
        sleep.signal()
        sleep.unlock()
        return generation
    }

    /// Returns when the partner has finished part `generation`, and lets go of its job.
    func wait(for generation: Int) {
        var spins = 0
        while finished.load(ordering: .acquiring) != generation {
            spins += 1
            // Give the core away now and then, in case the partner is waiting for it.
            if spins % Self.spins == 0 { sched_yield() }
        }
        job = nil
    }

    /// Ends the partner's loop.
    func stop() {
        sleep.lock()
        stopping.store(true, ordering: .releasing)
        sleep.signal()
        sleep.unlock()
    }

    /// The partner's loop: waits for a part, runs it, says so.
    func serve() {
        var done = 0
        while true {
            var spins = 0
            while posted.load(ordering: .acquiring) == done && !stopping.load(ordering: .acquiring) {
                spins += 1
                guard spins >= Self.spins else { continue }
                sleep.lock()
                while posted.load(ordering: .acquiring) == done && !stopping.load(ordering: .acquiring) {
                    sleep.wait()
                }
                sleep.unlock()
            }
            if posted.load(ordering: .acquiring) == done { return }  // stopping, nothing posted
            runPart()
            done += 1
            finished.store(done, ordering: .releasing)
        }
    }

    /// Part 1 of the posted job; its own function so that the partner's hold on the job ends here,
    /// before the caller is told the part is done.
    @inline(never)
    private func runPart() { job?(1) }
}

import Foundation
import Testing

@testable import WorkbookData

/// Where SIGINT and SIGTERM land during training: on `Interrupt`'s own listener thread, never on the
/// thread that trains (a SIGTERM delivered inside oneDNN's sgemm while the other core was in it too
/// corrupted the heap in about one run in thirty).
@Suite(.serialized) struct InterruptTests {
    private func blocks(_ signal: Int32) -> Bool {
        var mask = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &mask)
        return sigismember(&mask, signal) == 1
    }

    @Test func aSigtermIsTakenByTheListenerAndTheTrainingThreadNeverSeesIt() {
        let before = (blocks(SIGINT), blocks(SIGTERM))
        var blockedInside = false
        let requested = Interrupt.catching { () -> Bool in
            blockedInside = blocks(SIGINT) && blocks(SIGTERM)
            kill(getpid(), SIGTERM)
            let deadline = Date().addingTimeInterval(10)
            while !Interrupt.requested && Date() < deadline { usleep(1000) }
            return Interrupt.requested
        }
        #expect(blockedInside)
        #expect(requested)
        #expect(Interrupt.cause.status == 143)
        #expect((blocks(SIGINT), blocks(SIGTERM)) == before)
    }

    @Test func aSimulatedCtrlCIsSeenAtOnce() {
        let requested = Interrupt.catching { () -> Bool in
            Interrupt.simulate()
            return Interrupt.requested
        }
        #expect(requested)
        #expect(Interrupt.cause.status == 130)
    }

    /// A request belongs to the `catching` that saw it: afterwards nothing else in the process (a
    /// figure drawn by another test, a later run) reads it as a stop.
    @Test func aRequestDoesNotOutliveItsCatching() {
        Interrupt.catching { Interrupt.simulate() }
        #expect(!Interrupt.requested)
    }
}

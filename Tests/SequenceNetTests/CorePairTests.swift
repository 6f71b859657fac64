import Foundation
@testable import SequenceNet
import Testing

/// The trainer's two threads: every run does both parts, the second on the partner thread, and the
/// caller sees the partner's writes when `run` returns.
@Suite struct CorePairTests {
    @Test func everyRunDoesBothPartsOnTwoThreads() {
        let pair = CorePair()
        var sums = [0, 0]
        var partnerWasElsewhere = true
        let caller = pthread_self()
        sums.withUnsafeMutableBufferPointer { sums in
            for round in 1...20_000 {
                pair.run { part in
                    sums[part] += round
                    if part == 1 && pthread_equal(pthread_self(), caller) != 0 { partnerWasElsewhere = false }
                }
                // The partner's write of this round is visible here, before the next round is posted.
                #expect(sums[1] == sums[0])
            }
        }
        #expect(sums == [200_010_000, 200_010_000])
        #expect(partnerWasElsewhere)
    }

    /// The process's signals never land on the partner, which may be inside a product when they come
    /// (see `Interrupt` in Workbook).
    @Test func thePartnerBlocksTheProcesssSignals() {
        let pair = CorePair()
        var blocked = [false, false]
        blocked.withUnsafeMutableBufferPointer { blocked in
            pair.run { part in
                guard part == 1 else { return }
                var mask = sigset_t()
                pthread_sigmask(SIG_BLOCK, nil, &mask)
                blocked[0] = sigismember(&mask, SIGTERM) == 1 && sigismember(&mask, SIGINT) == 1
                blocked[1] = sigismember(&mask, SIGSEGV) == 1
            }
        }
        #expect(blocked == [true, false])
    }

    /// A pair whose partner has gone to sleep (no work for longer than it spins) wakes for the next run.
    @Test func aSleepingPartnerWakesForWork() {
        let pair = CorePair()
        var parts = [false, false]
        Thread.sleep(forTimeInterval: 0.05)
        parts.withUnsafeMutableBufferPointer { parts in pair.run { parts[$0] = true } }
        #expect(parts == [true, true])
    }
}

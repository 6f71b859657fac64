import Foundation
import Testing

/// Two runs writing one folder would mix their reports, checkpoints and figures: the second is refused
/// at once, and the first goes on undisturbed.
@Suite struct OutputFolderLockTests {
    @Test func aSecondRunIntoALiveRunsFolderIsRefused() throws {
        let folder = SectionRun.temporaryFolder("locked-out")
        let arguments = ["--quick", "--days", "12000", "--epochs", "6", "--no-figures", "--out", folder]
        let first = try RunningSection("ch11-cet-rnn", arguments)
        defer { kill(first.process.processIdentifier, SIGKILL) }
        let checkpoint = "\(folder)/ch11-cet-rnn.checkpoint"
        #expect(
            first.wait(until: { FileManager.default.fileExists(atPath: checkpoint) }), "the first run began")

        let second = try SectionRun.run("ch11-gru-lstm", arguments, timeLimit: 60)
        #expect(second.status != 0)
        #expect(
            second.standardError.contains("another run is writing into \(folder)"), "\(second.standardError)")
        #expect(!second.standardError.contains("epoch 1/"), "it trained")

        let finished = try first.finish(timeLimit: 300)
        #expect(finished.status == 0, "\(finished.standardError)")
        // Once the first has ended, the folder is free again.
        let third = try SectionRun.run("ch11-conv", ["--no-figures", "--out", folder])
        #expect(third.status == 0, "\(third.standardError)")
    }
}

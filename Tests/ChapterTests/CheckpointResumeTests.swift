import Foundation
import Testing
import Workbook

/// A long run's checkpoints: an interrupted quick run, resumed, writes the report an uninterrupted one writes.
@Suite struct CheckpointResumeTests {
    @Test func resumeAfterInterruptionGivesTheSameReport() throws {
        let whole = SectionRun.temporaryFolder("cet-whole"), parts = SectionRun.temporaryFolder("cet-parts")
        let arguments = ["--quick", "--epochs", "4", "--no-figures"]
        let uninterrupted = try SectionRun.run("ch11-cet-rnn", arguments + ["--out", whole])
        #expect(uninterrupted.status == 0, "\(uninterrupted.standardError)")

        // The hidden option sends the process a real SIGINT right after epoch 2's checkpoint is written.
        let interrupted = try SectionRun.run("ch11-cet-rnn", arguments + ["--out", parts, "--interrupt-after-epoch", "2"])
        #expect(interrupted.status == 130)
        #expect(interrupted.standardError.contains("Stopped by Ctrl-C during epoch 3. The checkpoint of epoch 2 is at \(parts)/ch11-cet-rnn.checkpoint"))
        #expect(!FileManager.default.fileExists(atPath: "\(parts)/ch11-cet-rnn.metrics.json"), "an interrupted run writes no report")

        let resumed = try SectionRun.run("ch11-cet-rnn", arguments + ["--out", parts, "--resume"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("Resuming from \(parts)/ch11-cet-rnn.checkpoint after epoch 2"))
        var expected = try RunReport.read(from: "\(whole)/ch11-cet-rnn.metrics.json")
        var actual = try RunReport.read(from: "\(parts)/ch11-cet-rnn.metrics.json")
        expected.secondsTotal = 0; expected.secondsPerEpoch = 0
        actual.secondsTotal = 0; actual.secondsPerEpoch = 0
        #expect(actual == expected)
    }

    @Test func checkpointOfOtherSettingsIsRefused() throws {
        let folder = SectionRun.temporaryFolder("cet-settings")
        let arguments = ["--quick", "--epochs", "1", "--no-figures", "--out", folder]
        #expect(try SectionRun.run("ch11-cet-rnn", arguments).status == 0)
        let other = try SectionRun.run("ch11-cet-rnn", arguments + ["--hidden", "20", "--dropout", "0.2", "--resume"])
        #expect(other.status != 0)
        #expect(other.standardError.contains("\(folder)/ch11-cet-rnn.checkpoint was written by a run with other settings"))
        // The message names what differs, and only that.
        #expect(other.standardError.contains("hidden: 100 in the checkpoint, 20 now"))
        #expect(other.standardError.contains("dropout: 0.1 in the checkpoint, 0.2 now"))
        #expect(!other.standardError.contains("window:"))
    }

    @Test func unreadableCheckpointIsNamed() throws {
        let folder = SectionRun.temporaryFolder("cet-garbage")
        try "{ not a checkpoint".write(toFile: "\(folder)/ch11-cet-rnn.checkpoint", atomically: true, encoding: .utf8)
        let run = try SectionRun.run("ch11-cet-rnn", ["--quick", "--epochs", "1", "--no-figures", "--out", folder, "--resume"])
        #expect(run.status != 0)
        #expect(run.standardError.contains("\(folder)/ch11-cet-rnn.checkpoint: not a checkpoint this workbook can read"))
    }
}

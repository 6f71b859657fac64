import Foundation
import Testing
import WorkbookData

/// A long run's checkpoints: an interrupted quick run, resumed, writes the report an uninterrupted one
/// writes.
@Suite struct CheckpointResumeTests {
    @Test func resumeAfterInterruptionGivesTheSameReport() throws {
        let whole = SectionRun.temporaryFolder("cet-whole"), parts = SectionRun.temporaryFolder("cet-parts")
        let arguments = ["--quick", "--epochs", "4", "--no-figures"]
        let uninterrupted = try SectionRun.run("ch11-cet-rnn", arguments + ["--out", whole])
        #expect(uninterrupted.status == 0, "\(uninterrupted.standardError)")

        // The hidden option sends the process a real SIGINT right after epoch 2's checkpoint is written.
        let interrupted = try SectionRun.run(
            "ch11-cet-rnn", arguments + ["--out", parts, "--interrupt-after-epoch", "2"])
        #expect(interrupted.status == 130)
        #expect(
            interrupted.standardError.contains(
                "Stopped by Ctrl-C during epoch 3. "
                    + "The checkpoint of epoch 2 is at \(parts)/ch11-cet-rnn.checkpoint"
            ))
        #expect(
            !FileManager.default.fileExists(atPath: "\(parts)/ch11-cet-rnn.metrics.json"),
            "an interrupted run writes no report")

        let resumed = try SectionRun.run("ch11-cet-rnn", arguments + ["--out", parts, "--resume"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(
            resumed.standardOutput.contains("Resuming from \(parts)/ch11-cet-rnn.checkpoint after epoch 2"))
        var expected = try RunReport.read(from: "\(whole)/ch11-cet-rnn.metrics.json")
        var actual = try RunReport.read(from: "\(parts)/ch11-cet-rnn.metrics.json")
        expected.secondsTotal = 0; expected.secondsPerEpoch = 0
        actual.secondsTotal = 0; actual.secondsPerEpoch = 0
        #expect(actual == expected)
    }

    /// A folder where the checkpoint goes is refused before the first epoch, not after it.
    @Test(arguments: [[], ["--resume"]])
    func aCheckpointPathThatIsAFolderIsRefusedBeforeTraining(extra: [String]) throws {
        let folder = SectionRun.temporaryFolder("cet-checkpoint-folder")
        try FileManager.default.createDirectory(
            atPath: folder + "/ch11-cet-rnn.checkpoint", withIntermediateDirectories: true)
        let run = try SectionRun.run(
            "ch11-cet-rnn", ["--quick", "--epochs", "2", "--no-figures", "--out", folder] + extra)
        #expect(run.status != 0)
        #expect(
            run.standardError.contains("the checkpoint \(folder)/ch11-cet-rnn.checkpoint is a folder"),
            "\(run.standardError)")
        #expect(!run.standardError.contains("epoch 1/"), "it trained first: \(run.standardError)")
    }

    @Test func checkpointOfOtherSettingsIsRefused() throws {
        let folder = SectionRun.temporaryFolder("cet-settings")
        let arguments = ["--quick", "--epochs", "1", "--no-figures", "--out", folder]
        #expect(try SectionRun.run("ch11-cet-rnn", arguments).status == 0)
        let other = try SectionRun.run(
            "ch11-cet-rnn", arguments + ["--hidden", "20", "--dropout", "0.2", "--resume"])
        #expect(other.status != 0)
        #expect(
            other.standardError.contains(
                "\(folder)/ch11-cet-rnn.checkpoint was written by a run with other settings"))
        // The message names what differs, and only that.
        #expect(other.standardError.contains("hidden: 100 in the checkpoint, 20 now"))
        #expect(other.standardError.contains("dropout: 0.1 in the checkpoint, 0.2 now"))
        #expect(!other.standardError.contains("window:"))
    }

    @Test func unreadableCheckpointIsNamed() throws {
        let folder = SectionRun.temporaryFolder("cet-garbage")
        try "{ not a checkpoint".write(
            toFile: "\(folder)/ch11-cet-rnn.checkpoint", atomically: true, encoding: .utf8)
        let run = try SectionRun.run(
            "ch11-cet-rnn", ["--quick", "--epochs", "1", "--no-figures", "--out", folder, "--resume"])
        #expect(run.status != 0)
        #expect(
            run.standardError.contains(
                "\(folder)/ch11-cet-rnn.checkpoint: not a checkpoint this workbook can read"))
    }

    /// What a scheduler sends (Slurm, systemd, kill): the run stops at its last finished epoch like Ctrl-C,
    /// and `--resume` gives exactly the numbers of the unbroken run.
    @Test func sigtermStopsAtACheckpointAndResumesExactly() throws {
        let whole = SectionRun.temporaryFolder("cet-term-whole")
        let parts = SectionRun.temporaryFolder("cet-term-parts")
        let arguments = ["--quick", "--days", "12000", "--epochs", "6", "--no-figures"]
        let uninterrupted = try SectionRun.run("ch11-cet-rnn", arguments + ["--out", whole])
        #expect(uninterrupted.status == 0, "\(uninterrupted.standardError)")

        let running = try RunningSection("ch11-cet-rnn", arguments + ["--out", parts])
        let checkpoint = "\(parts)/ch11-cet-rnn.checkpoint"
        let saved = running.wait(until: { FileManager.default.fileExists(atPath: checkpoint) })
        #expect(saved, "no checkpoint appeared")
        kill(running.process.processIdentifier, SIGTERM)
        let stopped = try running.finish(timeLimit: 120)
        #expect(stopped.status == 143, "\(stopped.standardError)")
        #expect(stopped.standardError.contains("Stopped by SIGTERM during epoch"), "\(stopped.standardError)")
        #expect(stopped.standardError.contains("is at \(checkpoint); run the same command with --resume"))

        let resumed = try SectionRun.run("ch11-cet-rnn", arguments + ["--out", parts, "--resume"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        var expected = try RunReport.read(from: "\(whole)/ch11-cet-rnn.metrics.json")
        var actual = try RunReport.read(from: "\(parts)/ch11-cet-rnn.metrics.json")
        (expected.secondsTotal, expected.secondsPerEpoch) = (0, 0)
        (actual.secondsTotal, actual.secondsPerEpoch) = (0, 0)
        #expect(actual == expected)
    }

    /// One byte changed anywhere in the file (a bad disk, a bad copy) is caught before any training.
    @Test func aDamagedCheckpointIsRefused() throws {
        let folder = SectionRun.temporaryFolder("cet-flipped")
        let arguments = ["--quick", "--no-figures", "--out", folder]
        #expect(try SectionRun.run("ch11-cet-rnn", arguments + ["--epochs", "1"]).status == 0)
        let path = "\(folder)/ch11-cet-rnn.checkpoint"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // A letter in the middle (inside the weights), changed to another one, so the file still parses.
        var index = bytes.count / 2
        while !(bytes[index] >= 0x61 && bytes[index] <= 0x79) { index += 1 }
        bytes[index] += 1
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let run = try SectionRun.run("ch11-cet-rnn", arguments + ["--epochs", "2", "--resume"])
        #expect(run.status != 0)
        #expect(run.standardError.contains("\(path) is damaged"), "\(run.standardError)")
        #expect(!run.standardError.contains("epoch 2/"), "it trained on")
    }

    /// A checkpoint made on other data (an edited or replaced file, same settings) is refused.
    @Test func aCheckpointOfOtherDataIsRefused() throws {
        let folder = SectionRun.temporaryFolder("cet-other-data")
        let data = SectionRun.temporaryFolder("cet-edited-data")
        let shipped = DataFiles.defaultFolder() + "/tdaily_cet.dat.txt"
        let original = try String(contentsOfFile: shipped, encoding: .utf8)
        var lines = original.components(separatedBy: "\n")
        lines[9] = lines[9].prefix(9) + "9.9 "  // day 10 of 1772: one value changed
        try lines.joined(separator: "\n").write(
            toFile: data + "/tdaily_cet.dat.txt", atomically: true,
            encoding: .utf8)
        let arguments = ["--quick", "--no-figures", "--out", folder]
        #expect(try SectionRun.run("ch11-cet-rnn", arguments + ["--epochs", "1"]).status == 0)
        let run = try SectionRun.run(
            "ch11-cet-rnn", arguments + ["--epochs", "2", "--resume", "--data", data])
        #expect(run.status != 0)
        let refusal = "\(folder)/ch11-cet-rnn.checkpoint was made from other data"
        #expect(run.standardError.contains(refusal), "\(run.standardError)")
        #expect(!run.standardError.contains("epoch 2/"), "it trained on")
    }

    /// A checkpoint whose products ran on another path (here: its header edited to say AVX-512) would
    /// resume into other bits than an unbroken run's: refused, naming both paths.
    @Test func aCheckpointOfAnotherProductPathIsRefused() throws {
        let folder = SectionRun.temporaryFolder("cet-other-path")
        let arguments = ["--quick", "--no-figures", "--out", folder]
        #expect(try SectionRun.run("ch11-cet-rnn", arguments + ["--epochs", "1"]).status == 0)
        let path = "\(folder)/ch11-cet-rnn.checkpoint"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let edited = String(decoding: bytes, as: UTF8.self).replacingOccurrences(
            of: "AVX2 kernels", with: "AVX512_CORE kernels")
        #expect(edited != String(decoding: bytes, as: UTF8.self), "the header names the path")
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try SectionRun.run("ch11-cet-rnn", arguments + ["--epochs", "2", "--resume"])
        #expect(run.status != 0)
        #expect(
            run.standardError.contains(
                "\(path) was made with its products on oneDNN 2.6.3, AVX512_CORE kernels"),
            "\(run.standardError)")
        #expect(!run.standardError.contains("epoch 2/"), "it trained on")
    }

    /// Resuming cannot undo epochs: fewer than the checkpoint holds is refused, not reported as more.
    @Test func fewerEpochsThanTheCheckpointHoldsIsRefused() throws {
        let folder = SectionRun.temporaryFolder("cet-fewer")
        let arguments = ["--quick", "--no-figures", "--out", folder]
        #expect(try SectionRun.run("ch11-cet-rnn", arguments + ["--epochs", "2"]).status == 0)
        let run = try SectionRun.run("ch11-cet-rnn", arguments + ["--epochs", "1", "--resume"])
        #expect(run.status != 0)
        let refusal = "has already finished 2 epochs, more than --epochs 1"
        #expect(run.standardError.contains(refusal), "\(run.standardError)")
    }
}

import ArgumentParser
import Foundation
import SequenceNet

/// Where a run keeps its checkpoint, and whether it continues from it (`--resume`).
///
/// The file is written after every epoch, atomically, so an interruption at any moment leaves the
/// previous epoch's checkpoint whole. It stays after the run ends: `--resume` with more `--epochs`
/// carries a finished run further.
public struct CheckpointFile {
    public let path: String
    /// The run's settings; a checkpoint written with other settings is refused.
    public let fingerprint: String
    public let resume: Bool
    /// For tests: behave as if Ctrl-C came right after this epoch's checkpoint was written.
    public var interruptAfterEpoch: Int?

    public init(path: String, fingerprint: String, resume: Bool, interruptAfterEpoch: Int? = nil) {
        self.path = path
        self.fingerprint = fingerprint
        self.resume = resume
        self.interruptAfterEpoch = interruptAfterEpoch
    }

    /// The seed and settings as one line (sorted keys), to compare a checkpoint's run with this one.
    public static func fingerprint(seed: UInt64, settings: [String: SettingValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = (try? encoder.encode(settings)).map { String(decoding: $0, as: UTF8.self) } ?? "\(settings)"
        return "seed \(seed) \(json)"
    }

    /// The settings in which two fingerprints differ, as "name: checkpoint's value, this run's value".
    static func differences(_ theirs: String, _ ours: String) -> String {
        func parts(_ fingerprint: String) -> (seed: Substring, settings: [String: Any])? {
            guard let space = fingerprint.dropFirst(5).firstIndex(of: " "),
                  let object = try? JSONSerialization.jsonObject(with: Data(fingerprint[fingerprint.index(after: space)...].utf8)),
                  let settings = object as? [String: Any] else { return nil }
            return (fingerprint.dropFirst(5)[..<space], settings)
        }
        guard let a = parts(theirs), let b = parts(ours) else { return "\n  checkpoint: \(theirs)\n  this run:   \(ours)" }
        // Settings are stored as doubles; Float options such as 0.1 print as 0.10000000149011612 unless shortened.
        func show(_ value: Any?) -> String {
            guard let value else { return "(none)" }
            if let number = value as? NSNumber, !(value is Bool) {
                let double = number.doubleValue
                return double == double.rounded() && abs(double) < 1e15 ? String(Int(double)) : "\(Float(double))"
            }
            return "\(value)"
        }
        var lines: [String] = []
        if a.seed != b.seed { lines.append("seed: \(a.seed) in the checkpoint, \(b.seed) now") }
        for key in Set(a.settings.keys).union(b.settings.keys).sorted() {
            let old = show(a.settings[key]), new = show(b.settings[key])
            if old != new { lines.append("\(key): \(old) in the checkpoint, \(new) now") }
        }
        return lines.map { "\n  " + $0 }.joined()
    }

    /// The checkpoint to continue from: nil for a fresh start.
    public func load() throws -> TrainingCheckpoint? {
        let exists = FileManager.default.fileExists(atPath: path)
        guard resume else {
            if exists { printToStandardError("Note: starting afresh; the checkpoint at \(path) will be overwritten (--resume continues it).\n") }
            return nil
        }
        guard exists else {
            // The usual cause: the run being continued wrote elsewhere (an unlisted command goes to runs/).
            printToStandardError("Note: no checkpoint at \(path); starting from the first epoch. A run keeps its checkpoint "
                                 + "in the folder it writes to (the chapter's own runs: figures/): give --out that folder to continue it.\n")
            return nil
        }
        let checkpoint: TrainingCheckpoint
        do {
            checkpoint = try JSONDecoder().decode(TrainingCheckpoint.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw WorkbookError.io("\(path): not a checkpoint this workbook can read (\(error)); delete it to start afresh")
        }
        guard checkpoint.fingerprint == fingerprint else {
            throw WorkbookError.invalid("\(path) was written by a run with other settings: "
                                        + Self.differences(checkpoint.fingerprint, fingerprint)
                                        + "\nrun with the same options, or delete it to start afresh")
        }
        print("Resuming from \(path) after epoch \(checkpoint.epoch)")
        return checkpoint
    }

    /// Writes the trainer's state after the epoch it just finished.
    public func save(_ trainer: Trainer) throws {
        let checkpoint = trainer.checkpoint(fingerprint: fingerprint)
        try AtomicFile.write(try JSONEncoder().encode(checkpoint), to: path)
        if checkpoint.epoch == interruptAfterEpoch { Interrupt.simulate() }
    }

    /// Says where an interrupted run stopped and how to go on, then ends the process as Ctrl-C would
    /// (status 130). Without a checkpoint there is nothing to go on from.
    static func reportInterruption(during epoch: Int, checkpoint: CheckpointFile?) -> Error {
        var message = "\nStopped by Ctrl-C during epoch \(epoch)."
        if let checkpoint {
            message += epoch > 1 ? " The checkpoint of epoch \(epoch - 1) is at \(checkpoint.path); " : " No epoch had finished; "
            message += "run the same command with --resume to continue."
        }
        printToStandardError(message + "\n")
        return ExitCode(130)
    }
}

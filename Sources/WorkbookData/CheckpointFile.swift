import Foundation
import SequenceNet

/// Where a run keeps its checkpoint, and whether it continues from it (`--resume`).
///
/// The file is written after every epoch, atomically, so an interruption at any moment leaves the
/// previous epoch's checkpoint whole. It stays after the run ends: `--resume` with more `--epochs`
/// carries a finished run further. Its header (`CheckpointEnvelope`) records the run's settings,
/// the fingerprint of its data and a checksum of the trainer's state, so a resumed run refuses a
/// damaged file or one made from other data before it trains.
public struct CheckpointFile {
    public let path: String
    /// The seed and the settings that decide the training's numbers, as one line (`fingerprint`); a
    /// checkpoint written with others is refused.
    public let fingerprint: String
    /// The data the run trains on (`DataFingerprint`); a checkpoint of other data is refused.
    public let dataFingerprint: String
    public internal(set) var resume: Bool
    /// For tests: behave as if Ctrl-C came right after this epoch's checkpoint was written.
    public var interruptAfterEpoch: Int?

    /// A checkpoint of a run of `seed` and `settings` (a struct whose coding keys name them), on the
    /// data of `dataFingerprint`.
    public init(
        path: String, seed: UInt64, settings: some Encodable, dataFingerprint: String, resume: Bool,
        interruptAfterEpoch: Int? = nil
    ) throws {
        self.path = path
        fingerprint = try Self.fingerprint(seed: seed, settings: settings)
        self.dataFingerprint = dataFingerprint
        self.resume = resume
        self.interruptAfterEpoch = interruptAfterEpoch
    }

    /// `seed N {settings as JSON, sorted keys}`, as the checkpoint's header records it.
    static func fingerprint(seed: UInt64, settings: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return "seed \(seed) " + String(decoding: try encoder.encode(settings), as: UTF8.self)
    }

    /// The seed and settings in which two fingerprints differ, one line each ("dropout: 0.1 in the
    /// checkpoint, 0.2 now"), read back from the JSON the settings value was encoded as.
    static func differences(_ theirs: String, _ ours: String) -> String {
        func parts(_ fingerprint: String) -> (seed: Substring, settings: [String: SettingValue])? {
            let words = fingerprint.split(separator: " ", maxSplits: 2)
            guard words.count == 3, words[0] == "seed",
                let settings = try? JSONDecoder().decode(
                    [String: SettingValue].self,
                    from: Data(words[2].utf8))
            else { return nil }
            return (words[1], settings)
        }
        guard let a = parts(theirs), let b = parts(ours) else {
            return "\n  checkpoint: \(theirs)\n  this run:   \(ours)"
        }
        var lines: [String] = []
        if a.seed != b.seed { lines.append("seed: \(a.seed) in the checkpoint, \(b.seed) now") }
        for key in Set(a.settings.keys).union(b.settings.keys).sorted() {
            let old = a.settings[key]?.shown ?? "(none)", new = b.settings[key]?.shown ?? "(none)"
            if old != new { lines.append("\(key): \(old) in the checkpoint, \(new) now") }
        }
        return lines.map { "\n  " + $0 }.joined()
    }

    /// The checkpoint to continue from (nil for a fresh start), for a run of `requestedEpochs` epochs.
    public func load(requestedEpochs: Int) throws -> TrainingCheckpoint? {
        // Found now, not when the first epoch's checkpoint cannot be written over it.
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if exists && isFolder.boolValue {
            throw WorkbookError.invalid(
                "the checkpoint \(path) is a folder: move it away, or choose another --out")
        }
        guard resume else {
            if exists {
                printToStandardError(
                    "Note: starting afresh; the checkpoint at \(path) will be overwritten "
                        + "(--resume continues it).\n"
                )
            }
            return nil
        }
        guard exists else {
            // The usual cause: the run being continued wrote elsewhere (an unlisted command goes to runs/).
            printToStandardError(
                "Note: no checkpoint at \(path); starting from the first epoch. A run keeps its checkpoint "
                    + "in the folder it writes to (the chapter's own runs: figures/): "
                    + "give --out that folder to continue it.\n"
            )
            return nil
        }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw WorkbookError.io("cannot read \(path)")
        }
        let (header, payload) = try CheckpointEnvelope.open(bytes, path: path)
        guard header.settings == fingerprint else {
            throw WorkbookError.invalid(
                "\(path) was written by a run with other settings: "
                    + Self.differences(header.settings, fingerprint)
                    + "\nrun with the same options, or delete it to start afresh")
        }
        guard header.data == dataFingerprint else {
            throw WorkbookError.invalid(
                "\(path) was made from other data: the data's fingerprint was "
                    + "\(header.data), it is \(dataFingerprint) now (another or an edited data file); "
                    + "give --data the folder it was made from, or delete it to start afresh")
        }
        let products = ProductPath.current.description
        guard header.products == products else {
            throw WorkbookError.invalid(
                "\(path) was made with its products on \(header.products ?? "an unrecorded path"); "
                    + "here they run on \(products), which gives other last bits, so the resumed run "
                    + "could not match an unbroken one; delete it to start afresh")
        }
        guard header.epochs <= requestedEpochs else {
            throw WorkbookError.invalid(
                "the checkpoint at \(path) has already finished "
                    + "\(header.epochs) epochs, more than --epochs \(requestedEpochs); resuming cannot undo "
                    + "epochs: ask for \(header.epochs) or more, or leave out --resume to start afresh")
        }
        let checkpoint: TrainingCheckpoint
        do {
            checkpoint = try JSONDecoder().decode(TrainingCheckpoint.self, from: payload)
        } catch {
            throw WorkbookError.io(
                "\(path): not a checkpoint this workbook can read (\(error)); delete it to start afresh")
        }
        print("Resuming from \(path) after epoch \(header.epochs)")
        return checkpoint
    }

    /// Writes the trainer's state after the epoch it just finished.
    public func save(_ trainer: Trainer) throws {
        let checkpoint = trainer.checkpoint(fingerprint: fingerprint)
        let payload = try JSONEncoder().encode(checkpoint)
        let header = CheckpointEnvelope.Header(
            settings: fingerprint, data: dataFingerprint, products: ProductPath.current.description,
            epochs: checkpoint.epoch, payloadBytes: payload.count,
            payloadSHA256: SHA256.hex(payload))
        try AtomicFile.write(try CheckpointEnvelope.seal(payload, header: header), to: path)
        if checkpoint.epoch == interruptAfterEpoch { Interrupt.simulate() }
    }

    /// Says where an interrupted run stopped and how to go on, then ends the process as the signal
    /// conventionally does (status 130 for Ctrl-C, 143 for SIGTERM). Without a checkpoint there is
    /// nothing to go on from.
    package static func reportInterruption(during epoch: Int, checkpoint: CheckpointFile?) -> Error {
        let cause = Interrupt.cause
        var message = "\nStopped by \(cause.name) during epoch \(epoch)."
        if let checkpoint {
            message +=
                epoch > 1
                ? " The checkpoint of epoch \(epoch - 1) is at \(checkpoint.path); "
                : " No epoch had finished; "
            message += "run the same command with --resume to continue."
        }
        printToStandardError(message + "\n")
        return WorkbookError.exit(status: cause.status)
    }
}

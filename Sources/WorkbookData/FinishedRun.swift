import Foundation
import SequenceNet

/// Taking over another section's finished run of the very same training: 11.6's GRU with dropout is
/// 11.5's GRU (same seed, settings and data), so `make figures` trains it once and the second section
/// continues from the first one's checkpoint, which has no epoch left to run.
extension CheckpointFile {
    /// Whether the checkpoint at `path` holds this run finished: the same seed and settings, the same
    /// data, the same product path (so the same bits), `epochs` epochs done and an intact payload.
    /// Anything else, or no readable file there, is not.
    public func isSameRunFinished(at path: String, epochs: Int) -> Bool {
        guard let bytes = FileManager.default.contents(atPath: path),
            let (header, _) = try? CheckpointEnvelope.open(bytes, path: path)
        else { return false }
        return header.settings == fingerprint && header.data == dataFingerprint
            && header.products == ProductPath.current.description && header.epochs == epochs
    }

    /// This checkpoint, continuing the finished run at `path`: a copy of that file is written as this
    /// run's own checkpoint (under its final name only when whole), and the run resumes from it.
    public func adopting(finishedRunAt path: String) throws -> CheckpointFile {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw WorkbookError.io("cannot read \(path)")
        }
        try AtomicFile.write(bytes, to: self.path)
        var adopted = self
        adopted.resume = true
        return adopted
    }
}

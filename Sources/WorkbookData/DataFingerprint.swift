import SequenceNet

/// The SHA-256 of the arrays a run trains and validates on (their shapes, features and targets, as
/// float32 bytes): two reports or a report and a checkpoint with the same fingerprint were made from
/// the same numbers, whatever file, folder or option produced them.
public enum DataFingerprint {
    public static func of(_ split: BookSplit) -> String {
        var hasher = SHA256()
        for dataset in [split.train, split.validation] {
            hasher.update(dataset.exampleShape.map(Int64.init) + [Int64(dataset.count)])
            hasher.update(dataset.features)
            hasher.update(dataset.targets)
        }
        return hasher.finish()
    }
}

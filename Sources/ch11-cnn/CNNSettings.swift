/// The settings of a CNN run, as its report's `settings` records them (the coding keys are the
/// report's keys; the chapters quote them).
struct CNNSettings: Codable, Equatable {
    /// cnn or dnn (`NetworkChoice`).
    var model: String
    var window: Int
    var split: Int
    /// The CNN's; nil for the dense network.
    var filters: Int?
    var kernelSize: Int?
    var learningRate: Double
    var batchSize: Int
    var epochsRequested: Int
    /// `DataFingerprint` of the windows trained and validated on.
    var dataFingerprint: String

    enum CodingKeys: String, CodingKey {
        case model, window, split, filters
        case kernelSize = "kernel_size", learningRate = "learning_rate", batchSize = "batch_size"
        case epochsRequested = "epochs_requested", dataFingerprint = "data_fingerprint"
    }
}

import Foundation

/// The settings of one Central England run, as its report's `settings` records them (the coding keys
/// are the report's keys; the chapters quote them).
public struct CETSettings: Codable, Equatable, Sendable {
    /// What decides the training's numbers (with the seed): a checkpoint made with others is refused.
    public var training: Training
    /// `--epochs`, or the book's; a resumed run may ask for more than the checkpoint has done.
    public var epochsRequested: Int
    /// `DataFingerprint` of the arrays trained on (compared with a checkpoint's on its own).
    public var dataFingerprint: String
    /// The day where validation begins: `split`, moved in proportion when `--days` shortens the record.
    public var splitUsed: Int

    /// The options and the data's sizes that the model and its training follow.
    public struct Training: Codable, Equatable, Sendable {
        /// `BookModel`'s name (rnn, gru, lstm, bigru).
        public var model: String
        public var layout: String
        public var window: Int
        public var split: Int
        public var hidden: Int
        /// The Float options as Double, as stored in the reports (0.1 reads 0.10000000149011612).
        public var dropout: Double
        public var recurrentDropout: Double
        public var learningRate: Double
        public var batchSize: Int
        /// Days of the record used (all, or `--days`'s first).
        public var days: Int
        public var validationWindows: Int

        enum CodingKeys: String, CodingKey {
            case model, layout, window, split, hidden, dropout, days
            case recurrentDropout = "recurrent_dropout", learningRate = "learning_rate"
            case batchSize = "batch_size", validationWindows = "validation_windows"
        }

        package init(
            model: String, layout: String, window: Int, split: Int, hidden: Int, dropout: Double,
            recurrentDropout: Double, learningRate: Double, batchSize: Int, days: Int, validationWindows: Int
        ) {
            (self.model, self.layout, self.window, self.split) = (model, layout, window, split)
            (self.hidden, self.dropout, self.recurrentDropout) = (hidden, dropout, recurrentDropout)
            (self.learningRate, self.batchSize) = (learningRate, batchSize)
            (self.days, self.validationWindows) = (days, validationWindows)
        }
    }

    enum CodingKeys: String, CodingKey {
        case epochsRequested = "epochs_requested", dataFingerprint = "data_fingerprint"
        case splitUsed = "split_used"
    }

    public init(training: Training, epochsRequested: Int, dataFingerprint: String, splitUsed: Int) {
        self.training = training
        self.epochsRequested = epochsRequested
        self.dataFingerprint = dataFingerprint
        self.splitUsed = splitUsed
    }

    /// One flat object, as the reports have always been: the training's keys beside the others.
    public func encode(to encoder: Encoder) throws {
        try training.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(epochsRequested, forKey: .epochsRequested)
        try container.encode(dataFingerprint, forKey: .dataFingerprint)
        try container.encode(splitUsed, forKey: .splitUsed)
    }

    public init(from decoder: Decoder) throws {
        training = try Training(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        epochsRequested = try container.decode(Int.self, forKey: .epochsRequested)
        dataFingerprint = try container.decode(String.self, forKey: .dataFingerprint)
        splitUsed = try container.decode(Int.self, forKey: .splitUsed)
    }
}

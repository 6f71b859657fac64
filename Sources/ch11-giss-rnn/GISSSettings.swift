/// The settings of a GISS run, as its report's `settings` records them (the coding keys are the
/// report's keys; the chapters quote them), with the MAE measured at each snapshot epoch.
struct GISSSettings: Codable, Equatable {
    var run: Run
    /// Validation MAE after each `--snapshot-epochs` epoch reached: `val_mae_at_epoch_<epoch>`.
    var snapshotMAE: [Int: Double] = [:]

    /// The options, and the data's normalisation and sizes.
    struct Run: Codable, Equatable {
        var layout: String
        var window: Int
        var split: Int
        var hidden: Int
        /// The Float option as Double, as stored in the reports (0.3 reads 0.30000001192092896).
        var dropout: Double
        var learningRate: Double
        var batchSize: Int
        var epochsRequested: Int
        /// The normalisation fitted to the station's temperatures (°C).
        var mean: Double
        var std: Double
        var trainingWindows: Int
        var validationWindows: Int
        /// `DataFingerprint` of the windows trained and validated on.
        var dataFingerprint: String

        enum CodingKeys: String, CodingKey {
            case layout, window, split, hidden, dropout, mean, std
            case learningRate = "learning_rate", batchSize = "batch_size"
            case epochsRequested = "epochs_requested"
            case trainingWindows = "training_windows", validationWindows = "validation_windows"
            case dataFingerprint = "data_fingerprint"
        }
    }

    /// A key `val_mae_at_epoch_<epoch>`, beside the run's.
    struct SnapshotKey: CodingKey {
        static let prefix = "val_mae_at_epoch_"
        let epoch: Int
        init(epoch: Int) { self.epoch = epoch }
        var stringValue: String { Self.prefix + String(epoch) }
        init?(stringValue: String) {
            guard stringValue.hasPrefix(Self.prefix),
                let epoch = Int(stringValue.dropFirst(Self.prefix.count))
            else { return nil }
            self.epoch = epoch
        }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    init(run: Run) { self.run = run }

    /// One flat object, as the reports have always been.
    func encode(to encoder: Encoder) throws {
        try run.encode(to: encoder)
        var snapshots = encoder.container(keyedBy: SnapshotKey.self)
        for (epoch, mae) in snapshotMAE { try snapshots.encode(mae, forKey: SnapshotKey(epoch: epoch)) }
    }

    init(from decoder: Decoder) throws {
        run = try Run(from: decoder)
        let snapshots = try decoder.container(keyedBy: SnapshotKey.self)
        for key in snapshots.allKeys {
            snapshotMAE[key.epoch] = try snapshots.decode(Double.self, forKey: key)
        }
    }
}

import Foundation
import SequenceNet

/// One measure over the seeds of a study.
public struct StudyMeasure: Codable, Equatable, Sendable {
    /// One value per seed, in the order of the study's `seeds`.
    public var values: [Double]
    public var mean: Double
    /// The sample standard deviation (divided by n − 1; 0 for one seed).
    public var std: Double
    public var min: Double
    public var max: Double

    public init(_ values: [Double]) {
        precondition(!values.isEmpty)
        self.values = values
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        std = values.count > 1 ? (squares / Double(values.count - 1)).squareRoot() : 0
        min = values.min()!
        max = values.max()!
    }
}

/// A curve over epochs across seeds: the mean and the lowest and highest seed at each epoch.
public struct CurveBand: Codable, Equatable, Sendable {
    public var mean: [Double]
    public var min: [Double]
    public var max: [Double]

    /// Over the epochs every curve has (the shortest curve's length).
    public init(_ curves: [[Float]]) {
        let length = curves.map(\.count).min() ?? 0
        let columns = (0..<length).map { epoch in curves.map { Double($0[epoch]) } }
        mean = columns.map { $0.reduce(0, +) / Double($0.count) }
        min = columns.map { $0.min()! }
        max = columns.map { $0.max()! }
    }
}

/// What a seed study measured: `<out>/<section>.study.json`, from the run reports of the same settings
/// under several seeds. The chapters quote these files wherever they compare models.
public struct SeedStudyReport: Codable, Equatable, Sendable {
    public var section: String
    public var seeds: [UInt64]
    /// The settings every seed's run shared (a setting that a run measures, such as GISS's MAE at its
    /// snapshot epochs, differs between seeds and is left out).
    public var settings: [String: SettingValue]
    public var measures: [String: StudyMeasure]
    public var trainLoss: CurveBand
    public var valLoss: CurveBand
    /// Wall time of the study's runs together.
    public var secondsTotal: Double
    /// The product path all the seeds' runs shared (nil when they differ or did not record one).
    public var productPath: ProductPath?

    enum CodingKeys: String, CodingKey {
        case section, seeds, settings, measures
        case trainLoss = "train_loss", valLoss = "val_loss", secondsTotal = "seconds_total"
        case productPath = "product_path"
    }

    /// Epochs averaged for the smoothed validation curve (`smoothed_best_epoch`).
    public static let smoothingEpochs = 10

    /// The keys among `keys` that a run measures and records beside its settings (GISS's MAE at its
    /// snapshot epochs, `val_mae_at_epoch_<n>`): they differ from seed to seed and are no setting.
    public static func measuredSettings(in keys: some Sequence<String>) -> Set<String> {
        Set(keys.filter { $0.hasPrefix("val_mae_at_epoch_") })
    }

    /// The study of `reports`, one per seed, in the order of their seeds.
    public init(reports: [RunReport]) {
        precondition(!reports.isEmpty && Set(reports.map(\.section)).count == 1)
        section = reports[0].section
        seeds = reports.map(\.seed)
        settings = reports[0].settings.filter { key, value in reports.allSatisfy { $0.settings[key] == value }
        }
        trainLoss = CurveBand(reports.map(\.trainLoss))
        valLoss = CurveBand(reports.map(\.valLoss))
        secondsTotal = reports.reduce(0) { $0 + $1.secondsTotal }
        productPath = Set(reports.map(\.productPath)).count == 1 ? reports[0].productPath : nil
        measures = [:]
        for (name, measure) in Self.measured {
            let values = reports.compactMap(measure)
            if values.count == reports.count { measures[name] = StudyMeasure(values) }
        }
        for key in reports[0].maeOn?.keys.sorted() ?? [] {
            let values = reports.compactMap { $0.maeOn?[key] }
            if values.count == reports.count { measures["mae_on_" + key] = StudyMeasure(values) }
        }
    }

    /// Each measure a study summarises, by its key, as read from one run's report (nil: not measured).
    static let measured: [(String, @Sendable (RunReport) -> Double?)] = [
        ("val_mae", { $0.valMAE }),
        ("val_mae_denormalized", { $0.valMAEDenormalized }),
        ("best_val_mae", { $0.bestValMAE }),
        ("best_val_mae_denormalized", { $0.bestValMAEDenormalized }),
        ("best_epoch", { Double($0.bestEpoch) }),
        ("epochs", { Double($0.epochs) }),
        ("final_train_loss", { $0.trainLoss.last.map(Double.init) }),
        ("final_val_loss", { $0.valLoss.last.map(Double.init) }),
        ("lowest_val_loss", { $0.valLoss.min().map(Double.init) }),
        ("smoothed_best_epoch", { smoothedLowest($0.valLoss).map { Double($0.epoch) } }),
        ("smoothed_lowest_val_loss", { smoothedLowest($0.valLoss).map { $0.loss } }),
        ("lag_best_shift", { $0.lag.map { Double($0.bestShift) } }),
        ("lag_correlation_at_best", { $0.lag?.correlationAtBest }),
        ("lag_correlation_at_zero", { $0.lag?.correlationAtZero }),
        ("extremes_val_mae", { $0.extremesValMAE }),
        ("extremes_val_mae_denormalized", { $0.extremesValMAEDenormalized }),
        ("persistence_val_mae", { $0.persistence?.valMAE }),
        ("seasonal_val_mae", { $0.seasonal?.valMAE }),
        ("train_loss_noise", { lateNoise($0.trainLoss) }),
        ("val_loss_noise", { lateNoise($0.valLoss) }),
        ("train_loss_late_change", { lateChange($0.trainLoss) }),
        ("val_loss_late_change", { lateChange($0.valLoss) }),
        ("seconds_per_epoch", { $0.secondsPerEpoch }),
    ]

    /// How noisy a loss curve is late in training: the standard deviation of its epoch-to-epoch changes
    /// over the second half of the epochs, relative to the curve's mean there. nil under 4 epochs.
    public static func lateNoise(_ losses: [Float]) -> Double? {
        guard losses.count >= 4 else { return nil }
        let late = losses[(losses.count / 2)...].map(Double.init)
        let steps = zip(late.dropFirst(), late).map { $0 - $1 }
        let meanStep = steps.reduce(0, +) / Double(steps.count)
        let spread =
            steps.reduce(0) { $0 + ($1 - meanStep) * ($1 - meanStep) } / Double(max(steps.count - 1, 1))
        let level = late.reduce(0, +) / Double(late.count)
        return level > 0 ? spread.squareRoot() / level : nil
    }

    /// Whether a loss curve still falls at the end: the mean of its last `smoothingEpochs` epochs over
    /// the mean of the ones before them, minus 1 (negative: still falling). nil for a shorter run.
    public static func lateChange(_ losses: [Float]) -> Double? {
        let width = smoothingEpochs
        guard losses.count >= 2 * width else { return nil }
        let last = losses.suffix(width).reduce(0.0) { $0 + Double($1) }
        let before = losses.dropLast(width).suffix(width).reduce(0.0) { $0 + Double($1) }
        return before > 0 ? last / before - 1 : nil
    }

    /// The lowest point of the validation curve averaged over `smoothingEpochs` epochs ending at each
    /// epoch: where overfitting sets in, without the luck of one good epoch. nil for a run shorter than that.
    public static func smoothedLowest(_ losses: [Float]) -> (epoch: Int, loss: Double)? {
        let width = smoothingEpochs
        guard losses.count >= width else { return nil }
        var best: (epoch: Int, loss: Double)? = nil
        var sum = losses.prefix(width - 1).reduce(0.0) { $0 + Double($1) }
        for end in (width - 1)..<losses.count {
            sum += Double(losses[end])
            let mean = sum / Double(width)
            if best == nil || mean < best!.loss { best = (end + 1, mean) }
            sum -= Double(losses[end - width + 1])
        }
        return best
    }

    public static func fileName(section: String) -> String { "\(section).study.json" }

    /// Where seed `seed` of a study in `folder` keeps its own run: reports, checkpoints.
    public static func seedFolder(_ seed: UInt64, in folder: String) -> String {
        (folder as NSString).appendingPathComponent("seeds/seed-\(seed)")
    }

    /// Writes the study as sorted, indented JSON, atomically.
    public func write(toFolder folder: String) throws -> String {
        try ReportFile.write(self, named: Self.fileName(section: section), inFolder: folder)
    }

    public static func read(from path: String) throws -> SeedStudyReport {
        try ReportFile.read(SeedStudyReport.self, from: path, what: "a seed study")
    }

    /// The main measures, one line each: mean ± std and the range over the seeds.
    public var summary: String {
        let shown = [
            "val_mae", "val_mae_denormalized", "best_val_mae", "best_epoch", "smoothed_best_epoch",
            "final_val_loss", "lag_best_shift", "extremes_val_mae",
        ]
        var lines = [
            "\(section) over \(seeds.count) seeds (\(seeds.map(String.init).joined(separator: ", "))):"
        ]
        for key in shown {
            guard let m = measures[key] else { continue }
            let digits = key.contains("epoch") || key.contains("shift") ? 1 : 4
            lines.append(
                "  \(key): \(fixed(m.mean, digits)) ± \(fixed(m.std, digits)) "
                    + "(\(fixed(m.min, digits)) to \(fixed(m.max, digits)))")
        }
        return lines.joined(separator: "\n")
    }
}

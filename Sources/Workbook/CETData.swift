import SequenceNet

/// The Central England daily series prepared as the book's CET notebook prepares it: z-scores,
/// windows of 60 days (59 inputs, the 60th to predict), split at day 80,000.
public struct CETData {
    public let record: DailyRecord
    public let normalization: Normalization
    public let windows: WindowedSeries
    public let split: BookSplit

    public init(folder: String, window: Int, splitAt: Int, layout: SequenceLayout) throws {
        try self.init(record: try DailyRecord.read(folder + "/tdaily_cet.dat.txt"), window: window, splitAt: splitAt, layout: layout)
    }

    public init(record: DailyRecord, window: Int, splitAt: Int, layout: SequenceLayout) throws {
        // snippet.cet-data
        self.record = record
        normalization = Normalization(fitting: record.values)
        windows = try WindowedSeries(series: normalization.normalize(record.values), windowSize: window)
        split = try BookSplit(windows, split: splitAt, exampleShape: layout.exampleShape(features: windows.featureCount))
        // snippet.end
    }

    /// The date of each validation target, in seconds since 1970, for date axes.
    public var validationDates: [Double] { split.validationTargetIndices.map { record.days[$0].unixSeconds } }

    /// The first and last validation dates, for messages.
    public var validationSpan: String {
        "\(record.days[split.validationTargetIndices.first!]) to \(record.days[split.validationTargetIndices.last!])"
    }
}

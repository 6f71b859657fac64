import SequenceNet

/// The Central England daily series prepared as the book's CET notebook prepares it: z-scores,
/// windows of 60 days (59 inputs, the 60th to predict), split at day 80,000.
public struct CETData {
    public let record: DailyRecord
    public let normalization: Normalization
    public let windows: WindowedSeries
    public let split: BookSplit

    /// Where the workbook finds the record in a data folder.
    public static func path(inFolder folder: String) -> String { folder + "/tdaily_cet.dat.txt" }

    public init(folder: String, window: Int, splitAt: Int, layout: SequenceLayout) throws {
        let path = Self.path(inFolder: folder)
        try self.init(
            record: try DailyRecord.read(path), window: window, splitAt: splitAt, layout: layout,
            source: path)
    }

    /// `source` names the record in messages (its file, and how it was cut).
    public init(
        record: DailyRecord, window: Int, splitAt: Int, layout: SequenceLayout,
        source: String
    ) throws {
        // snippet.cet-data
        self.record = record
        normalization = try Normalization(fitting: record.values, source: source)
        windows = try WindowedSeries(series: normalization.normalize(record.values), windowSize: window)
        split = try BookSplit(
            windows, split: splitAt, exampleShape: layout.exampleShape(features: windows.featureCount))
        // snippet.end
    }

    /// The date of each validation target, in seconds since 1970, for date axes.
    public var validationDates: [Double] { split.validationTargetIndices.map { record.days[$0].unixSeconds } }

    /// The first and last validation dates, for messages.
    public var validationSpan: String {
        let targets = split.validationTargetIndices
        return "\(record.days[targets.first!]) to \(record.days[targets.last!])"
    }
}

import Foundation

/// z-scores with the population standard deviation, as the book's `normalize_series` computes them
/// (in double precision, then stored as float32 for the model), remembering mean and deviation to
/// turn results back into degrees (an MAE in z-scores times the deviation).
public struct Normalization: Sendable {
    public let mean: Double
    public let standardDeviation: Double

    /// Fits the values; `source` (the data file) names them when they cannot be scaled: constant
    /// values have a standard deviation of 0, and dividing by it would turn every z-score into NaN.
    public init(fitting values: [Double], source: String) throws {
        // snippet.zscores
        // The population standard deviation, NumPy's std() (ddof=0); normalize(_:) applies (x - mean) / std.
        let n = Double(values.count)
        let average = values.reduce(0, +) / n
        mean = average
        standardDeviation = (values.reduce(0.0) { $0 + ($1 - average) * ($1 - average) } / n).squareRoot()
        // snippet.end
        guard standardDeviation > 0, standardDeviation.isFinite else {
            let what = values.isEmpty ? "there are no values" : String(format: "every value is %g", values[0])
            throw WorkbookError.invalid(
                "\(source): \(what) (standard deviation 0), so the values cannot "
                    + "be scaled to z-scores; the model needs data that varies")
        }
    }

    public func normalize(_ values: [Double]) -> [Float] {
        values.map { Float(($0 - mean) / standardDeviation) }
    }
}

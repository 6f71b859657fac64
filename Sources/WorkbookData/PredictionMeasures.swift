/// Why a measure of a prediction series could not be taken.
public enum MeasureError: Error, Equatable, CustomStringConvertible {
    /// A correlation with a series that never changes is undefined.
    case constant(what: String, value: Float)
    case tooShort(count: Int, needed: Int)

    public var description: String {
        switch self {
        case let .constant(what, value):
            return "the \(what) are constant (every one is \(value)): a correlation with them is undefined, "
                + "so no lag can be measured"
        case let .tooShort(count, needed):
            return "a lag needs at least \(needed) values to compare, got \(count)"
        }
    }
}

/// How many steps the predictions trail the actual values: the shift that correlates them best.
///
/// At shift s, prediction t is paired with actual t − s, so predictions that repeat each actual value
/// k steps late (prediction t = actual t − k) have their best shift at k. A model that has only learnt
/// "tomorrow as today" shows a best shift of 1.
public struct LagMeasure: Codable, Equatable, Sendable {
    public var bestShift: Int
    public var correlationAtBest: Double
    public var correlationAtZero: Double

    enum CodingKeys: String, CodingKey {
        case bestShift = "best_shift", correlationAtBest = "correlation_at_best"
        case correlationAtZero = "correlation_at_zero"
    }

    /// The shifts searched: up to five steps either way.
    public static let shifts = -5...5

    /// The shift in `shifts` with the highest Pearson correlation; on a tie the smaller shift (in size,
    /// then the earlier) wins, so an exact copy has shift 0.
    public static func measure(
        predictions: [Float], actuals: [Float], shifts: ClosedRange<Int> = shifts
    ) throws -> LagMeasure {
        precondition(predictions.count == actuals.count, "one prediction per actual value")
        let widest = max(abs(shifts.lowerBound), abs(shifts.upperBound))
        // Two values more than the widest shift leaves a correlation of at least three pairs.
        guard predictions.count >= widest + 3 else {
            throw MeasureError.tooShort(count: predictions.count, needed: widest + 3)
        }
        if let first = predictions.first, predictions.allSatisfy({ $0 == first }) {
            throw MeasureError.constant(what: "predictions", value: first)
        }
        if let first = actuals.first, actuals.allSatisfy({ $0 == first }) {
            throw MeasureError.constant(what: "actual values", value: first)
        }
        let ordered = shifts.sorted { (abs($0), $0) < (abs($1), $1) }
        var best = (shift: 0, correlation: -Double.infinity)
        for shift in ordered {
            let value = correlation(predictions, actuals, shift: shift)
            if value > best.correlation { best = (shift, value) }
        }
        return LagMeasure(
            bestShift: best.shift, correlationAtBest: best.correlation,
            correlationAtZero: correlation(predictions, actuals, shift: 0))
    }

    /// Pearson's r of prediction t with actual t − shift, over the t where both exist; 0 when a window
    /// of either series happens to be flat.
    static func correlation(_ predictions: [Float], _ actuals: [Float], shift: Int) -> Double {
        let range = max(0, shift)..<min(predictions.count, actuals.count + shift)
        let count = Double(range.count)
        var (sumP, sumA) = (0.0, 0.0)
        for t in range {
            sumP += Double(predictions[t])
            sumA += Double(actuals[t - shift])
        }
        let (meanP, meanA) = (sumP / count, sumA / count)
        var (cross, squareP, squareA) = (0.0, 0.0, 0.0)
        for t in range {
            let p = Double(predictions[t]) - meanP, a = Double(actuals[t - shift]) - meanA
            cross += p * a
            squareP += p * p
            squareA += a * a
        }
        guard squareP > 0, squareA > 0 else { return 0 }
        return cross / (squareP * squareA).squareRoot()
    }
}

/// The MAE on the targets farthest from their mean: how a model does on the peaks and troughs the book
/// says it smooths out.
public enum ExtremesMAE {
    /// The share of the targets that count as extreme.
    public static let fraction = 0.05

    /// The indices of the ⌈fraction · n⌉ targets farthest from the targets' mean (on a tie, the earlier).
    public static func indices(of targets: [Float], fraction: Double = fraction) -> [Int] {
        precondition(!targets.isEmpty && fraction > 0 && fraction <= 1)
        let mean = targets.reduce(0.0) { $0 + Double($1) } / Double(targets.count)
        let count = Int((fraction * Double(targets.count)).rounded(.up))
        let byDistance = targets.indices.sorted {
            let (a, b) = (abs(Double(targets[$0]) - mean), abs(Double(targets[$1]) - mean))
            return a != b ? a > b : $0 < $1
        }
        return Array(byDistance.prefix(count)).sorted()
    }

    /// The mean absolute error of `predictions` over the extreme targets.
    public static func of(_ predictions: [Float], targets: [Float], fraction: Double = fraction) -> Double {
        let chosen = indices(of: targets, fraction: fraction)
        return meanAbsoluteError(chosen.map { predictions[$0] }, chosen.map { targets[$0] })
    }
}

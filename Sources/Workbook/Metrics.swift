import SequenceNet
/// Mean absolute error, as scikit-learn's `mean_absolute_error` that the book calls.
public func meanAbsoluteError(_ predictions: [Float], _ targets: [Float]) -> Double {
    precondition(predictions.count == targets.count && !targets.isEmpty)
    var sum = 0.0
    for (p, t) in zip(predictions, targets) { sum += Double(abs(p - t)) }
    return sum / Double(targets.count)
}

/// The naive forecast for every example: its last input value (the day before the target).
public func persistenceForecast(_ data: Dataset) -> [Float] {
    let size = data.exampleSize
    return (0..<data.count).map { data.features[($0 + 1) * size - 1] }
}

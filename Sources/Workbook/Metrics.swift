/// Mean absolute error, as scikit-learn's `mean_absolute_error` that the book calls.
public func meanAbsoluteError(_ predictions: [Float], _ targets: [Float]) -> Double {
    precondition(predictions.count == targets.count && !targets.isEmpty)
    var sum = 0.0
    for (p, t) in zip(predictions, targets) { sum += Double(abs(p - t)) }
    return sum / Double(targets.count)
}

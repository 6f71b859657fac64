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

extension PersistenceBaseline {
    /// The naive forecast "the value one season earlier" (`series[t − period]` for the target at `t`),
    /// for data cut from `series` into `windows` and split as `data`. Training targets less than a season
    /// into the series have no such value and are left out of `trainMAE`.
    public static func seasonal(
        series: [Float], windows: WindowedSeries, data: BookSplit, period: Int, predictions: [Float]
    ) -> PersistenceBaseline {
        let validation = data.validationTargetIndices.map { series[$0 - period] }
        let train = (0..<data.train.count).map { windows.targetIndex(ofWindow: $0) }.filter { $0 >= period }
        let mae = meanAbsoluteError(validation, data.validation.targets)
        return PersistenceBaseline(
            valMAE: mae, valMAEDenormalized: nil,
            trainMAE: meanAbsoluteError(train.map { series[$0 - period] }, train.map { series[$0] }),
            distanceToModel: meanAbsoluteError(predictions, validation))
    }
}

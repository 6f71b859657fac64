import SequenceNet

extension RunReport {
    /// Adds the measures every prediction report carries, computed here the same way for every
    /// section: the best weights' MAE, the lag, the MAE at the extremes and the persistence forecast.
    /// `predictions` are the last epoch's, `bestWeightsPredictions` those of the weights with the lowest
    /// validation loss; `scale` turns a normalised MAE into the data's units (nil when not normalised).
    public mutating func addMeasures(
        predictions: [Float], bestWeightsPredictions: [Float]?, data: BookSplit, scale: Double?
    ) {
        let targets = data.validation.targets
        let best = bestWeightsPredictions.map { meanAbsoluteError($0, targets) }
        bestValMAE = best
        bestValMAEDenormalized = best.flatMap { mae in scale.map { mae * $0 } }
        do {
            lag = try LagMeasure.measure(predictions: predictions, actuals: targets)
            lagProblem = nil
        } catch {
            lag = nil
            lagProblem = "\(error)"
        }
        let extremes = ExtremesMAE.of(predictions, targets: targets)
        extremesValMAE = extremes
        extremesValMAEDenormalized = scale.map { extremes * $0 }
        persistence = PersistenceBaseline(
            validation: persistenceForecast(data.validation), train: persistenceForecast(data.train),
            data: data, predictions: predictions, scale: scale)
    }

    /// The measures above in a few lines, as a run prints them, for daily data.
    public var measuresSummary: String { measuresSummary(persistence: "tomorrow as today") }

    /// The same, with the persistence yardstick named in the data's own steps ("next month as this
    /// one" for monthly data), as the figures name it.
    public func measuresSummary(persistence persistenceName: String) -> String {
        var lines: [String] = []
        if let bestValMAE {
            lines.append(
                "Best weights (epoch \(bestEpoch) of \(epochs)): validation MAE \(fixed(bestValMAE, 4))"
                    + (bestValMAEDenormalized.map { ", \(fixed($0, 3)) °C" } ?? ""))
        }
        if let lag {
            lines.append(
                "Lag: predictions correlate best with the actual values \(lag.bestShift) step(s) earlier "
                    + "(r = \(fixed(lag.correlationAtBest, 4)); unshifted \(fixed(lag.correlationAtZero, 4)))"
            )
        } else if let lagProblem {
            lines.append("Lag: not measured: \(lagProblem)")
        }
        if let extremesValMAE {
            lines.append(
                "MAE on the 5% most extreme validation targets: \(fixed(extremesValMAE, 4))"
                    + (extremesValMAEDenormalized.map { ", \(fixed($0, 3)) °C" } ?? ""))
        }
        for (name, baseline) in [(persistenceName, persistence), ("one season earlier", seasonal)] {
            guard let baseline else { continue }
            lines.append(
                "Naive forecast \"\(name)\": validation MAE \(fixed(baseline.valMAE, 4))"
                    + (baseline.valMAEDenormalized.map { ", \(fixed($0, 3)) °C" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}

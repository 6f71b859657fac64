import Foundation
import SequenceNet
import WorkbookData
import WorkbookFigures

/// What one Central England run produced.
public struct CETOutcome {
    public let data: CETData
    public let history: TrainingHistory
    public let predictions: [Float]
    public let report: RunReport
    /// Added to every figure title (see `CETOptions.titleNote`).
    public let titleNote: String

    /// Validation predictions against the actual values, in z-scores with °C beside them, and the
    /// yardstick "tomorrow as today": the last complete validation year in full over a strip of every
    /// validation day, the last hundred days and, when `firstHundred` names it, the first hundred (the
    /// notebook's Figure 11-13 shows those).
    public func predictionFigures(
        allDays name: String, lastHundred lastName: String, firstHundred firstName: String? = nil,
        title: String
    ) -> [Figure] {
        let series = PredictionSeries(
            time: data.validationDates, actual: data.split.validation.targets, predicted: predictions,
            yardstick: persistenceForecast(data.split.validation))
        let units = ValueUnits(data.normalization)
        let count = series.time.count, yLabel = "temperature (z-score)"
        func hundred(_ name: String, _ range: Range<Int>, _ which: String) -> Figure {
            .predictions(
                name: name, title: title + ": the \(which) hundred validation days" + titleNote,
                series: series.slice(range), xLabel: "date", yLabel: yLabel, dates: true, units: units,
                caption: "the \(which) hundred validation days: actual, predicted and tomorrow as today")
        }
        let year = Self.lastWholeYear(series.time)
        var figures: [Figure] = [
            .predictionYear(
                name: name, title: title + ": the validation year \(year)" + titleNote, series: series,
                year: year, yLabel: yLabel, units: units,
                caption: "validation year \(year) in full, actual and predicted, over every validation day"),
            hundred(lastName, max(0, count - 100)..<count, "last"),
        ]
        if let firstName { figures.append(hundred(firstName, 0..<min(100, count), "first")) }
        return figures
    }

    /// The last calendar year whose 31 December is among `dates` (seconds since 1970), or the last
    /// date's year when none is.
    static func lastWholeYear(_ dates: [Double]) -> Int {
        let last = Figure.year(of: dates.last ?? 0)
        let december31 = Calendar.utc.date(from: DateComponents(year: last, month: 12, day: 31))!
        let first = Figure.year(of: dates.first ?? 0)
        return (dates.last ?? 0) >= december31.timeIntervalSince1970 || last == first ? last : last - 1
    }

    public func lossFigure(name: String, title: String) -> Figure {
        .losses(
            name: name, title: title + titleNote, training: history.trainLoss,
            validation: history.validationLoss,
            caption: "training and validation MSE per epoch")
    }

    /// The figures each Central England section draws of its model: the predictions
    /// (`predictionFigures`) and the losses per epoch, all titled after `title`.
    public func figures(
        allDays name: String, lastHundred lastName: String, firstHundred firstName: String? = nil,
        losses lossName: String, title: String
    ) -> [Figure] {
        predictionFigures(allDays: name, lastHundred: lastName, firstHundred: firstName, title: title)
            + [lossFigure(name: lossName, title: title + ": loss per epoch")]
    }
}

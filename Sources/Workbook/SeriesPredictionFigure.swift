import WorkbookData
import WorkbookFigures

extension Figure {
    /// A model's predictions for the synthetic series' validation windows against the actual values
    /// and the yardstick "next step as this one", along the series index: the figure of 11.1's CNN (and
    /// the dense network it is measured against) and of 11.2's search winner.
    public static func seriesPredictions(
        name: String, title: String, data: BookSplit, predictions: [Float], caption: String
    ) -> Figure {
        .predictions(
            name: name, title: title,
            series: PredictionSeries(
                time: data.validationTargetIndices.map(Double.init), actual: data.validation.targets,
                predicted: predictions, yardstick: persistenceForecast(data.validation),
                yardstickName: "next step as this one"),
            xLabel: "time step", yLabel: "value", caption: caption)
    }
}

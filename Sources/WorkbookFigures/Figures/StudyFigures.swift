import WorkbookData

/// The figure of a seed study.
extension Figure {
    /// Training and validation loss per epoch over the seeds of a study: each curve is the mean, and the
    /// shaded band around it runs from the lowest to the highest seed at that epoch.
    public static func lossBands(
        name: String, title: String, training: CurveBand, validation: CurveBand, caption: String
    ) -> Figure {
        precondition(training.mean.count == validation.mean.count)
        let rows = (0..<training.mean.count).map { epoch -> [Double] in
            let (t, v) = (training, validation)
            return [
                Double(epoch + 1), t.mean[epoch], t.min[epoch], t.max[epoch],
                v.mean[epoch], v.min[epoch], v.max[epoch],
            ]
        }
        let data = FigureData(
            fileName: name + ".dat",
            columns: [
                "epoch", "training_mean", "training_min", "training_max", "validation_mean",
                "validation_min", "validation_max",
            ], rows: rows)
        let everything: [Float] = [training.min, training.max, validation.min, validation.max]
            .flatMap { $0.map(Float.init) }
        let (train, valid) = (FigureStyle.Role.training.rawValue, FigureStyle.Role.validation.rawValue)
        return Figure(
            name: name, caption: caption, data: [data],
            commands: """
                set title "\(title)"
                set xlabel "epoch"
                set ylabel "MSE loss (log scale)"
                \(logScaleAxis(everything))
                set key top right
                \(epochAxis(training.mean.count))
                set style fill transparent solid 0.25 noborder
                plot "\(data.fileName)" using 1:3:4 with filledcurves ls \(train) notitle, \\
                     "" using 1:6:7 with filledcurves ls \(valid) notitle, \\
                     "" using 1:2 with lines ls \(train) title "training (mean; band: lowest to highest \
                seed)", \\
                     "" using 1:5 with lines ls \(valid) title "validation (mean; band: lowest to highest \
                seed)"
                """)
    }
}

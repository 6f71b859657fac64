/// The kinds of figure that several sections draw.
extension Figure {
    /// Actual and predicted values over time, e.g. the validation set against a model's predictions.
    /// `time` is the real axis (series index, or with `dates` seconds since 1970 shown as dates), not an offset.
    public static func predictions(name: String, title: String, time: [Double], actual: [Float], predicted: [Float],
                                   xLabel: String, yLabel: String, dates: Bool = false, caption: String) -> Figure {
        precondition(time.count == actual.count && actual.count == predicted.count)
        let rows = (0..<time.count).map { [time[$0], Double(actual[$0]), Double(predicted[$0])] }
        let data = FigureData(fileName: name + ".dat", columns: ["time", "actual", "predicted"], rows: rows)
        let dateAxis = dates
            ? "set xdata time\nset timefmt \"%s\"\nset format x \(dateFormat(span: (time.last ?? 0) - (time.first ?? 0)))\n" : ""
        return Figure(name: name, caption: caption, data: [data], commands: """
            set title "\(title)"
            set xlabel "\(xLabel)"
            set ylabel "\(yLabel)"
            \(dateAxis)set xrange [*:*] noextend
            plot "\(data.fileName)" using 1:2 with lines ls \(FigureStyle.Role.actual.rawValue) title "actual", \\
                 "" using 1:3 with lines ls \(FigureStyle.Role.predicted.rawValue) title "predicted"
            """)
    }

    /// Date labels: days and months for a span of under a year, years otherwise.
    static func dateFormat(span seconds: Double) -> String {
        seconds < 400 * 86_400 ? "\"%d %b\\n%Y\"" : "\"%Y\""
    }

    /// Training and validation loss per epoch, on a log scale so the late epochs stay readable.
    public static func losses(name: String, title: String, training: [Float], validation: [Float],
                              yLabel: String = "MSE loss", caption: String) -> Figure {
        precondition(training.count == validation.count)
        let rows = (0..<training.count).map { [Double($0 + 1), Double(training[$0]), Double(validation[$0])] }
        let data = FigureData(fileName: name + ".dat", columns: ["epoch", "training", "validation"], rows: rows)
        return Figure(name: name, caption: caption, data: [data], commands: """
            set title "\(title)"
            set xlabel "epoch"
            set ylabel "\(yLabel) (log scale)"
            set logscale y
            set key top right
            set xrange [1:*] noextend
            plot "\(data.fileName)" using 1:2 with lines ls \(FigureStyle.Role.training.rawValue) title "training", \\
                 "" using 1:3 with lines ls \(FigureStyle.Role.validation.rawValue) title "validation"
            """)
    }
}

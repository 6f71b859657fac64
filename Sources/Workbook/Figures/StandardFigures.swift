import Foundation

/// The kinds of figure that several sections draw.
extension Figure {
    /// Actual and predicted values over time, e.g. the validation set against a model's predictions.
    /// `time` is the real axis (series index, or with `dates` seconds since 1970 shown as dates), not an offset.
    public static func predictions(
        name: String, title: String, time: [Double], actual: [Float], predicted: [Float],
        xLabel: String, yLabel: String, dates: Bool = false, caption: String
    ) -> Figure {
        precondition(time.count == actual.count && actual.count == predicted.count)
        let rows = (0..<time.count).map { [time[$0], Double(actual[$0]), Double(predicted[$0])] }
        let data = FigureData(fileName: name + ".dat", columns: ["time", "actual", "predicted"], rows: rows)
        let dateAxis =
            dates
            ? "set xdata time\nset timefmt \"%s\"\nset format x \(dateFormat(span: (time.last ?? 0) - (time.first ?? 0)))\n"
            : ""
        return Figure(
            name: name, caption: caption, data: [data],
            commands: """
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
    public static func losses(
        name: String, title: String, training: [Float], validation: [Float],
        yLabel: String = "MSE loss", caption: String
    ) -> Figure {
        precondition(training.count == validation.count)
        let rows = (0..<training.count).map {
            [Double($0 + 1), Double(training[$0]), Double(validation[$0])]
        }
        let data = FigureData(
            fileName: name + ".dat", columns: ["epoch", "training", "validation"], rows: rows)
        return Figure(
            name: name, caption: caption, data: [data],
            commands: """
                set title "\(title)"
                set xlabel "epoch"
                set ylabel "\(yLabel) (log scale)"
                \(logScaleAxis(training + validation))
                set key top right
                set xrange [1:*] noextend
                plot "\(data.fileName)" using 1:2 with lines ls \(FigureStyle.Role.training.rawValue) title "training", \\
                     "" using 1:3 with lines ls \(FigureStyle.Role.validation.rawValue) title "validation"
                """)
    }

    /// A log-scale y axis over the data's own range rather than whole decades (loss curves are often flat
    /// within one), with labelled tics at round values: 1, 2, 5 times a power of ten, or finer when the
    /// range is narrow.
    public static func logScaleAxis(_ values: [Float]) -> String {
        let positive = values.filter { $0 > 0 && $0.isFinite }.map(Double.init)
        guard let low = positive.min(), let high = positive.max(), low < high else { return "set logscale y" }
        let powers: ClosedRange<Int> = Int(floor(log10(low)))...Int(ceil(log10(high)))
        let choices: [[Double]] = [
            [1, 2, 5], [1, 1.5, 2, 3, 5, 7], [1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 4, 5, 6, 7, 8, 9],
        ]
        var tics: [Double] = []
        for mantissas in choices {
            tics = []
            for power in powers {
                let scale = pow(10, Double(power))
                tics += mantissas.map { $0 * scale }.filter { $0 >= low && $0 <= high }
            }
            if tics.count >= 4 { break }
        }
        let list = tics.map { String(format: "%g", $0) }.joined(separator: ", ")
        return """
            set logscale y
            set autoscale yfix
            set offsets 0, 0, graph 0.05, graph 0.05
            set ytics (\(list))
            """
    }
}

import Foundation

/// The data's own units beside the z-scores a model sees: a second y axis, linked to the first, so
/// that a figure reads in °C while the model's numbers stay what it was trained on.
public struct ValueUnits: Sendable {
    public let mean: Double
    public let standardDeviation: Double
    /// The unit after a number, e.g. `°C`.
    public let symbol: String
    /// The second axis's label.
    public let label: String

    public init(_ normalization: Normalization, symbol: String = "°C", label: String = "temperature (°C)") {
        mean = normalization.mean
        standardDeviation = normalization.standardDeviation
        self.symbol = symbol
        self.label = label
    }

    /// gnuplot commands for the right-hand axis, over z-scores `low...high`: round values in the
    /// data's units, about five of them.
    func axis(low: Double, high: Double) -> String {
        let (m, s) = (FigureData.format(mean), FigureData.format(standardDeviation))
        let span = (high - low) * standardDeviation
        let step = [1.0, 2, 2.5, 5, 10, 20, 25, 50].first { span / $0 <= 6 } ?? 100
        return """
            set link y2 via y*\(s)+\(m) inverse (y-\(m))/\(s)
            set y2tics \(FigureData.format(step)) format "%g"
            set y2label "\(label)"
            """
    }
}

/// What a prediction figure draws on one time axis: the actual values, a model's predictions and,
/// where there is one, the yardstick forecast (the last value repeated) the model has to beat.
public struct PredictionSeries: Sendable {
    /// The real axis: a series index, a fractional year, or with a date axis seconds since 1970.
    public let time: [Double]
    public let actual: [Float]
    public let predicted: [Float]
    public let yardstick: [Float]?
    /// The yardstick's name in the key, in the data's own steps: "tomorrow as today" for days.
    public let yardstickName: String

    public init(
        time: [Double], actual: [Float], predicted: [Float], yardstick: [Float]? = nil,
        yardstickName: String = "tomorrow as today"
    ) {
        precondition(time.count == actual.count && actual.count == predicted.count)
        precondition(yardstick.map { $0.count == actual.count } ?? true)
        self.time = time
        self.actual = actual
        self.predicted = predicted
        self.yardstick = yardstick
        self.yardstickName = yardstickName
    }

    /// The points in `range`.
    public func slice(_ range: Range<Int>) -> PredictionSeries {
        PredictionSeries(
            time: Array(time[range]), actual: Array(actual[range]), predicted: Array(predicted[range]),
            yardstick: yardstick.map { Array($0[range]) }, yardstickName: yardstickName)
    }

    /// A y range over every value drawn, with a little room below and, above, room for the key
    /// (which would otherwise cover the curves wherever it sits).
    var valueRange: (low: Double, high: Double) {
        let values = actual + predicted + (yardstick ?? [])
        let low = Double(values.min() ?? 0), high = Double(values.max() ?? 1)
        let span = max(high - low, 1e-3)
        return (low - 0.05 * span, high + (yardstick == nil ? 0.3 : 0.42) * span)
    }

    /// gnuplot commands for the y axes: the range, and with `units` the second axis.
    func valueAxes(units: ValueUnits?) -> String {
        let (low, high) = valueRange
        let range = "set yrange [\(FigureData.format(low)):\(FigureData.format(high))]\n"
        return range + (units.map { $0.axis(low: low, high: high) + "\n" } ?? "")
    }

    /// The data file: time, actual, predicted and the yardstick's column when there is one.
    func data(fileName: String) -> FigureData {
        let columns =
            ["time", "actual", "predicted"]
            + (yardstick == nil ? [] : [yardstickName.replacingOccurrences(of: " ", with: "_")])
        let rows = time.indices.map { i in
            [time[i], Double(actual[i]), Double(predicted[i])] + (yardstick.map { [Double($0[i])] } ?? [])
        }
        return FigureData(fileName: fileName, columns: columns, rows: rows)
    }

    /// "MAE 1.29 °C (0.241 z)" for a forecast over these points; without units "MAE 4.69".
    func maeText(_ forecast: [Float], units: ValueUnits?) -> String {
        let mae = meanAbsoluteError(forecast, actual)
        guard let units else { return "MAE " + String(format: "%.2f", mae) }
        return String(format: "MAE %.2f %@ (%.3f z)", mae * units.standardDeviation, units.symbol, mae)
    }

    /// The `plot` clauses: actual, predicted with its MAE, and the yardstick's MAE (drawn as a line
    /// when `drawYardstick`, otherwise only named in the key).
    func plotClauses(file: String, units: ValueUnits?, drawYardstick: Bool) -> [String] {
        var clauses = [
            "\"\(file)\" using 1:2 with lines ls \(FigureStyle.Role.actual.rawValue) title \"actual\"",
            "\"\(file)\" using 1:3 with lines ls \(FigureStyle.Role.predicted.rawValue) "
                + "title \"predicted: \(maeText(predicted, units: units))\"",
        ]
        if let yardstick {
            let title = "\(yardstickName): \(maeText(yardstick, units: units))"
            clauses.append(
                drawYardstick
                    ? "\"\(file)\" using 1:4 with lines ls \(FigureStyle.Role.muted.rawValue) lw 2 title \"\(title)\""
                    : "keyentry with lines ls \(FigureStyle.Role.muted.rawValue) lw 2 title \"\(title)\"")
        }
        return clauses
    }
}

extension Figure {
    /// Actual and predicted values over time, the MAE of each forecast in the key, and with `units`
    /// a second axis in the data's own units. With `dates` the time axis shows dates.
    public static func predictions(
        name: String, title: String, series: PredictionSeries, xLabel: String, yLabel: String,
        dates: Bool = false, units: ValueUnits? = nil, drawYardstick: Bool = false, caption: String
    ) -> Figure {
        let data = series.data(fileName: name + ".dat")
        let clauses = series.plotClauses(file: data.fileName, units: units, drawYardstick: drawYardstick)
        let axis = dates ? dateAxis(series.time) : (label: xLabel, commands: "")
        return Figure(
            name: name, caption: caption, data: [data],
            commands: """
                set title "\(title)"
                set xlabel "\(axis.label)"
                set ylabel "\(yLabel)"
                \(axis.commands)\(series.valueAxes(units: units))set xrange [*:*] noextend
                set key top left title "MAE over the \(dates ? "days" : "points") shown"
                plot \(clauses.joined(separator: ", \\\n     "))
                """)
    }

    /// A date axis: for a span of under a year, a labelled tic every two weeks from the first day, with
    /// the year (or years) in the axis label rather than under every tic; years otherwise.
    static func dateAxis(_ time: [Double]) -> (label: String, commands: String) {
        let first = time.first ?? 0, last = time.last ?? 0
        let header = "set xdata time\nset timefmt \"%s\"\n"
        guard last - first < 400 * 86_400 else {
            return ("date", header + "set format x \"%Y\"\n")
        }
        let years = [first, last].map(year(of:))
        let label = years[0] == years[1] ? "date (\(years[0]))" : "date (\(years[0]) to \(years[1]))"
        return (
            label,
            header
                + "set format x \"%d %b\"\nset xtics \(FigureData.format(first)), \(14 * 86_400)\nunset mxtics\n"
        )
    }

    /// One calendar year of a long daily series in full, with the whole span below as a thin strip
    /// that marks where that year lies: eleven thousand days in one plot are a solid band.
    public static func predictionYear(
        name: String, title: String, series: PredictionSeries, year: Int, yLabel: String,
        units: ValueUnits? = nil, caption: String
    ) -> Figure {
        let data = series.data(fileName: name + ".dat")
        let start = Calendar.utc.date(from: DateComponents(year: year, month: 1, day: 1))!
            .timeIntervalSince1970
        let end = Calendar.utc.date(from: DateComponents(year: year + 1, month: 1, day: 1))!
            .timeIntervalSince1970
        let shown = series.time.indices.filter { series.time[$0] >= start && series.time[$0] < end }
        let days = series.slice((shown.first ?? 0)..<((shown.last ?? -1) + 1))
        let clauses = days.plotClauses(file: data.fileName, units: units, drawYardstick: false)
        let (s, e) = (FigureData.format(start), FigureData.format(end))
        let span = [series.time.first ?? 0, series.time.last ?? 0].map(Self.year(of:))
        return Figure(
            name: name, caption: caption, data: [data],
            commands: """
                set multiplot
                set title "\(title)"
                set origin 0, 0.26
                set size 1, 0.74
                set lmargin 12
                set rmargin 12
                set ylabel "\(yLabel)"
                \(days.valueAxes(units: units))set xdata time
                set timefmt "%s"
                set format x "%b"
                set xtics \(s), \(30.4375 * 86_400)
                unset mxtics
                set xrange [\(s):\(e)]
                set xlabel "\(year), \(days.time.count) days"
                set key top left title "MAE over the days shown"
                plot \(clauses.joined(separator: ", \\\n     "))
                unset title
                unset key
                unset y2tics
                unset y2label
                unset ylabel
                unset link y2
                unset ytics
                set yrange [*:*]
                set origin 0, 0
                set size 1, 0.26
                set format x "%Y"
                set xtics autofreq
                set xrange [*:*] noextend
                set xlabel "every validation day, \(span[0]) to \(span[1]) (shaded: the year above)"
                set object 1 rect from \(s), graph 0 to \(e), graph 1 fc rgb cell_highlight fs solid 1.0 noborder behind
                plot "\(data.fileName)" using 1:2 with lines ls \(FigureStyle.Role.actual.rawValue) lw 0.5 notitle
                unset multiplot
                """, height: 760)
    }

    /// The calendar year of a time in seconds since 1970.
    static func year(of seconds: Double) -> Int {
        Calendar.utc.component(.year, from: Date(timeIntervalSince1970: seconds))
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC, in which the records' dates are written.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

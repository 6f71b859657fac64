import Foundation
import WorkbookData

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

    /// The `plot` clauses: the yardstick first, so that it lies thin and dashed behind the others, then
    /// actual and predicted, each forecast with its MAE: a line named in the key is a line drawn.
    func plotClauses(file: String, units: ValueUnits?) -> [String] {
        let yardstickClause = yardstick.map {
            "\"\(file)\" using 1:4 with lines ls \(FigureStyle.Role.muted.rawValue) lw 1.5 "
                + "title \"\(yardstickName): \(maeText($0, units: units))\""
        }
        return (yardstickClause.map { [$0] } ?? []) + [
            "\"\(file)\" using 1:2 with lines ls \(FigureStyle.Role.actual.rawValue) title \"actual\"",
            "\"\(file)\" using 1:3 with lines ls \(FigureStyle.Role.predicted.rawValue) "
                + "title \"predicted: \(maeText(predicted, units: units))\"",
        ]
    }
}

/// A span of a figure's time axis to point a reader at, shaded and labelled, e.g. where the book's
/// text says its predictions go wrong.
public struct MarkedSpan: Sendable {
    public let from: Double
    public let to: Double
    public let label: String

    public init(from: Double, to: Double, label: String) {
        self.from = from
        self.to = to
        self.label = label
    }

    /// A shaded band behind the curves, its label at the top just right of it (the key fills the top
    /// left).
    var commands: String {
        let (a, b) = (FigureData.format(from), FigureData.format(to))
        return """
            set object 1 rect from \(a), graph 0 to \(b), graph 1 fc rgb cell_highlight fs solid 1.0 \
            noborder behind
            set label 1 "\(label)" at \(b), graph 0.95 left offset 0.5, 0 front

            """
    }
}

extension Figure {
    /// Actual and predicted values over time, the MAE of each forecast in the key, and with `units`
    /// a second axis in the data's own units. With `dates` the time axis shows dates; `mark` shades a
    /// span of it.
    public static func predictions(
        name: String, title: String, series: PredictionSeries, xLabel: String, yLabel: String,
        dates: Bool = false, units: ValueUnits? = nil, mark: MarkedSpan? = nil, caption: String
    ) -> Figure {
        let data = series.data(fileName: name + ".dat")
        let clauses = series.plotClauses(file: data.fileName, units: units)
        let axis = dates ? dateAxis(series.time) : (label: xLabel, commands: "")
        return Figure(
            name: name, caption: caption, data: [data],
            commands: """
                set title "\(title)"
                set xlabel "\(axis.label)"
                set ylabel "\(yLabel)"
                \(axis.commands)\(series.valueAxes(units: units))\(mark?.commands ?? "")set xrange [*:*] \
                noextend
                set key top left title "MAE over the \(dates ? "days" : "points") shown"
                plot \(clauses.joined(separator: ", \\\n     "))
                """)
    }

    /// A date axis: for a span of under 400 days, a labelled tic every two weeks from the first day, with
    /// the year (or years) in the axis label rather than under every tic; calendar tics otherwise.
    static func dateAxis(_ time: [Double]) -> (label: String, commands: String) {
        let first = time.first ?? 0, last = time.last ?? 0
        let header = "set xdata time\nset timefmt \"%s\"\n"
        guard last - first < 400 * 86_400 else {
            return ("date", header + calendarTics(first: first, last: last) + "\n")
        }
        let years = [first, last].map(year(of:))
        let label = years[0] == years[1] ? "date (\(years[0]))" : "date (\(years[0]) to \(years[1]))"
        return (
            label,
            header
                + "set format x \"%d %b\"\n"
                + "set xtics \(FigureData.format(first)), \(14 * 86_400)\nunset mxtics\n"
        )
    }

    /// Labelled tics on a time axis from `first` to `last` (seconds since 1970), none reading like its
    /// neighbour: under three years, the first of every month, or of every second, third or sixth from
    /// the first, named by month (with the year at the first tic of each year); otherwise each
    /// 1 January of years 1, 2, 5, 10... apart. The finest step that gives at most eight month tics
    /// (twelve year tics) and still one within the axis's first fifth.
    static func calendarTics(first: Double, last: Double) -> String {
        let calendar = Calendar.utc
        let start = Date(timeIntervalSince1970: first), end = Date(timeIntervalSince1970: last)
        let months = last - first < 3 * 365.25 * 86_400
        // Every first of the month (or, for years, every 1 January) within the span.
        let startMonth = calendar.date(from: calendar.dateComponents([.year, .month], from: start))!
        var candidates: [(date: Date, year: Int, month: Int)] = []
        var offset = 0
        while let date = calendar.date(byAdding: .month, value: offset, to: startMonth), date <= end {
            let year = calendar.component(.year, from: date), month = calendar.component(.month, from: date)
            if date >= start, months || month == 1 { candidates.append((date, year, month)) }
            offset += 1
        }
        func tics(_ step: Int) -> [(date: Date, year: Int, month: Int)] {
            months
                ? candidates.enumerated().filter { $0.offset % step == 0 }.map(\.element)
                : candidates.filter { $0.year % step == 0 }
        }
        let fifth = start.addingTimeInterval((last - first) / 5)
        let steps = months ? [1, 2, 3, 6] : [1, 2, 5, 10, 20, 50, 100]
        // A month with its year is twice a year's width: eight of those fit where twelve years do.
        let most = months ? 8 : 12
        let step =
            steps.first { tics($0).count <= most && tics($0).first.map { $0.date <= fifth } == true } ?? 1
        let chosen = tics(step)
        guard !chosen.isEmpty else { return "set format x \"%d %b\"" }
        let list = chosen.indices.map { i in
            let tic = chosen[i]
            let newYear = i == 0 || chosen[i - 1].year != tic.year
            let name = !months ? "\(tic.year)" : monthNames[tic.month - 1] + (newYear ? " \(tic.year)" : "")
            return "\"\(name)\" \(FigureData.format(tic.date.timeIntervalSince1970))"
        }
        return "set xtics (\(list.joined(separator: ", ")))\nunset mxtics"
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
        let clauses = days.plotClauses(file: data.fileName, units: units)
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
                \(calendarTics(first: series.time.first ?? 0, last: series.time.last ?? 0))
                set xrange [*:*] noextend
                set xlabel "every validation day, \(span[0]) to \(span[1]) (shaded: the year above)"
                set object 1 rect from \(s), graph 0 to \(e), graph 1 fc rgb cell_highlight fs solid 1.0 \
                noborder behind
                plot "\(data.fileName)" using 1:2 with lines ls \(FigureStyle.Role.actual.rawValue) lw 0.5 \
                notitle
                unset multiplot
                """, height: 760)
    }

    /// The months as the figures' tics name them.
    public static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// The calendar year of a time in seconds since 1970.
    package static func year(of seconds: Double) -> Int {
        Calendar.utc.component(.year, from: Date(timeIntervalSince1970: seconds))
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC, in which the records' dates are written.
    package static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

import Foundation
import Testing

@testable import Workbook
@testable import WorkbookData
@testable import WorkbookFigures

/// What the prediction and loss figures promise a reader: °C beside z-scores, each forecast's MAE in
/// the key, readable date and log axes.
@Suite struct PredictionFigureTests {
    /// Days in seconds since 1970 from 2 January 1991 (day 7671).
    static func days(_ count: Int, from first: Int = 7_671) -> [Double] {
        (0..<count).map { Double((first + $0) * 86_400) }
    }

    let units = ValueUnits(try! Normalization(fitting: [0, 10, 20], source: "test"))

    @Test func aTemperatureFigureHasACelsiusAxisLinkedToTheZScores() throws {
        let series = PredictionSeries(
            time: Self.days(3), actual: [0, 1, -1], predicted: [0.5, 1, -1], yardstick: [0, 0, 1])
        let script = Figure.predictions(
            name: "fig-t", title: "T", series: series, xLabel: "date", yLabel: "temperature (z-score)",
            dates: true, units: units, caption: "t"
        ).script
        let (mean, std) = (FigureData.format(units.mean), FigureData.format(units.standardDeviation))
        #expect(script.contains("set link y2 via y*\(std)+\(mean) inverse (y-\(mean))/\(std)"))
        #expect(script.contains("set y2label \"temperature (°C)\""))
        // MAE 0.5/3 z; the yardstick misses by 0 + 1 + 2.
        let celsius = String(format: "%.2f", 0.5 / 3 * units.standardDeviation)
        #expect(script.contains("title \"predicted: MAE \(celsius) °C (0.167 z)\""))
        #expect(script.contains("using 1:4 with lines ls 6 lw 1.5 title \"tomorrow as today: MAE"))
    }

    /// A key entry promises a line: the yardstick named in the key is drawn.
    @Test func theYardstickInTheKeyIsDrawn() {
        let series = PredictionSeries(time: [1, 2], actual: [1, 2], predicted: [1, 3], yardstick: [0, 1])
        let script = Figure.predictions(
            name: "fig-t", title: "T", series: series, xLabel: "step", yLabel: "value", caption: "t"
        ).script
        #expect(script.contains("using 1:4 with lines ls 6 lw 1.5 title \"tomorrow as today: MAE 1.00\""))
        #expect(!script.contains("keyentry"))
    }

    @Test func theYardstickTakesTheNameOfTheDatasStep() {
        let series = PredictionSeries(
            time: [1, 2], actual: [1, 2], predicted: [1, 3], yardstick: [0, 1],
            yardstickName: "next month as this one")
        let figure = Figure.predictions(
            name: "fig-t", title: "T", series: series, xLabel: "year", yLabel: "value", caption: "t")
        #expect(figure.script.contains("title \"next month as this one: MAE 1.00\""))
        #expect(figure.data[0].columns.last == "next_month_as_this_one")
    }

    /// A hundred days: a labelled tic every two weeks from the first day, the year once, in the label.
    @Test func aShortDateAxisLabelsItsFirstDayAndNamesTheYearOnce() {
        let (label, commands) = Figure.dateAxis(Self.days(100))
        #expect(label == "date (1991)")
        #expect(commands.contains("set format x \"%d %b\""))
        #expect(commands.contains("set xtics \(7_671 * 86_400), \(14 * 86_400)"))
        #expect(Figure.dateAxis(Self.days(100, from: 7_640)).label == "date (1990 to 1991)")
        // Eight years: a tic on each 1 January, named by its year.
        #expect(
            Figure.dateAxis(Self.days(3000)).commands.contains(
                "set xtics (\"1992\" \(Int(Self.days(365)[364]))"))
    }

    @Test func theYearViewShowsOneWholeYearOverTheWholeSpan() {
        let time = Self.days(1200)  // 2 January 1991 to 15 April 1994
        #expect(CETOutcome.lastWholeYear(time) == 1993)
        #expect(CETOutcome.lastWholeYear(Self.days(30)) == 1991)
        let series = PredictionSeries(
            time: time, actual: time.indices.map { Float($0 % 7) }, predicted: time.map { _ in 3 })
        let script = Figure.predictionYear(
            name: "fig-y", title: "Y", series: series, year: 1992, yLabel: "z", caption: "y"
        ).script
        #expect(script.contains("set xlabel \"1992, 366 days\""))
        #expect(script.contains("set multiplot"))
        #expect(script.contains("every validation day, 1991 to 1994"))
    }

    /// A loss curve between 0.091 and 0.13 crosses too few 1-2-5 values for a readable log axis; its
    /// lowest values get a tic in the axis's lowest tenth (0.09, below the curve's 0.091).
    @Test func aNarrowLogAxisStillGetsFourOrMoreLabelledTics() throws {
        let axis = Figure.logScaleAxis([0.091, 0.1, 0.13])
        let list = try #require(axis.split(separator: "\n").first { $0.hasPrefix("set ytics (") })
        let tics = list.dropFirst("set ytics (".count).dropLast().split(separator: ",").compactMap {
            Double($0.trimmingCharacters(in: .whitespaces))
        }
        #expect(tics.count >= 4, "\(list)")
        #expect(tics.allSatisfy { (0.089...0.133).contains($0) })
        #expect(tics.first == 0.09, "\(list)")
        #expect(axis.contains("set yrange ["))
    }
}

import Workbook
import WorkbookData
import WorkbookFigures

/// Figures of the station record itself: the book shows screenshots here (11-6, 11-7); these draw the data.
enum StationFigures {
    /// A month's middle as a fractional year, for time axes.
    static func date(_ reading: MonthlyReading) -> Double {
        Double(reading.year) + (Double(reading.month) - 0.5) / 12
    }

    /// Figure 11-6 replaced: every monthly value, and each missing month as a thin band across the
    /// plot (a marker at some temperature would read as a reading).
    static func record(_ record: StationRecord) -> Figure {
        let values = FigureData(
            fileName: "fig-11-06-giss-record.dat", columns: ["year", "celsius"],
            rows: record.valid.map { [date($0), $0.value!] })
        let readings = record.valid.map { $0.value! }
        let (low, high) = ((readings.min() ?? 0).rounded(.down) - 1, (readings.max() ?? 1).rounded(.up) + 1)
        let missing = FigureData(
            fileName: "fig-11-06-giss-record-missing.dat", columns: ["year"],
            rows: record.missing.map { [date($0)] })
        return Figure(
            name: "fig-11-06-giss-record",
            caption: "the station's monthly mean temperatures, missing months marked",
            data: [values, missing],
            commands: """
                set title "Seattle-Tacoma monthly mean temperature (NASA GISS)"
                set xlabel "year"
                set ylabel "°C"
                set key bmargin center horizontal nobox
                set bmargin 7
                set xrange [*:*] noextend
                set yrange [\(FigureData.format(low)):\(FigureData.format(high))]
                plot "\(values.fileName)" using 1:2 with lines ls \(FigureStyle.Role.actual.rawValue) lw 1 \
                title "monthly mean", \\
                     "\(missing.fileName)" using \
                1:(\(FigureData.format(low))):(0):(\(FigureData.format(high - low))) \
                with vectors nohead lw 3 lc rgb "#d1495b" title "month missing from the file (999.9)"
                """)
    }

    /// Figure 11-7 replaced: the file's grid, years down and months across, coloured by temperature.
    static func grid(_ record: StationRecord) -> Figure {
        let rows = record.readings.map { [Double($0.month), Double($0.year), $0.value ?? .nan] }
        let data = FigureData(
            fileName: "fig-11-07-giss-grid.dat", columns: ["month", "year", "celsius"], rows: rows)
        let (first, last) = (record.readings.first?.year ?? 0, record.readings.last?.year ?? 0)
        return Figure(
            name: "fig-11-07-giss-grid",
            caption: "the station file as a grid of years by months, coloured by temperature",
            data: [data],
            commands: """
                set title "The station file as a grid: one row per year, one column per month"
                set xlabel "month"
                set ylabel "year"
                set xtics ("Jan" 1, "Mar" 3, "May" 5, "Jul" 7, "Sep" 9, "Nov" 11)
                set xrange [0.5:12.5]
                set yrange [\(Double(last) + 0.5):\(Double(first) - 0.5)]
                set cblabel "°C"
                set palette defined (0 "#2c7bb6", 0.5 "#ffffbf", 1 "#d7191c")
                unset key
                unset grid
                plot "\(data.fileName)" using 1:2:3 with image
                """, width: 900, height: 1100)
    }

    /// Figure 11-8: the normalised series, training and validation parts, and the split, labelled by the
    /// month validation starts (the axis is in years, not the series' index).
    static func split(series: [Float], dates: [Double], at split: Int) -> Figure {
        let rows = series.indices.map { [dates[$0], Double(series[$0]), $0 < split ? 0 : 1] }
        let data = FigureData(
            fileName: "fig-11-08-giss-split.dat", columns: ["year", "z", "validation"], rows: rows)
        let year = dates[split].rounded(.down)
        let month = Figure.monthNames[Int((dates[split] - year) * 12)]
        let start = "\(month) \(Int(year))"
        return Figure(
            name: "fig-11-08-giss-split",
            caption: "the normalised series, validation from \(start)",
            data: [data],
            commands: """
                set title "Normalised series: training, and validation from \(start)"
                set xlabel "year"
                set ylabel "temperature (z-score)"
                set key bmargin center horizontal nobox
                set bmargin 6
                set xrange [*:*] noextend
                set arrow from \(dates[split]), graph 0 to \(dates[split]), graph 1 nohead ls \
                \(FigureStyle.Role.accent.rawValue) dt 2
                set label 1 "validation from \(start)" at \(dates[split]), graph 0.06 right offset -1, 0 front
                plot "\(data.fileName)" using 1:($3 == 0 ? $2 : NaN) with lines ls \
                \(FigureStyle.Role.training.rawValue) lw 1 title "training", \\
                     "" using 1:($3 == 1 ? $2 : NaN) with lines ls \(FigureStyle.Role.validation.rawValue) \
                lw 1 title "validation"
                """)
    }
}

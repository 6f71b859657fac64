import CNNSearch
import Workbook

enum SearchFigures {
    /// Every configuration's validation MAE, best first, coloured by filter width, with the book's best
    /// result as a line.
    static func ranking(_ report: SearchReport) -> Figure {
        let rows = report.ranked.map {
            [Double($0.rank), $0.valMAE, Double($0.kernelSize), Double($0.convolutionLayers)]
        }
        let data = FigureData(
            fileName: "fig-11-05b-search-ranking.dat", columns: ["rank", "val_mae", "kernel", "conv_layers"],
            rows: rows)
        return Figure(
            name: "fig-11-05b-search-ranking",
            caption: "validation MAE of every searched configuration, best first",
            data: [data],
            commands: """
                set title "The search: validation MAE of every configuration"
                set xlabel "rank"
                set ylabel "validation MAE (best weights)"
                set key top left
                set xrange [0:\(report.ranked.count + 1)]
                plot "\(data.fileName)" using 1:($3 == 3 ? $2 : NaN) with points pt 7 ps 1.6 lc rgb "#1f5fa8" title "width 3", \\
                     "" using 1:($3 == 5 ? $2 : NaN) with points pt 5 ps 1.6 lc rgb "#d1495b" title "width 5", \\
                     \(report.bookWinnerMAE) with lines ls \(FigureStyle.Role.muted.rawValue) title "book's best (\(report.bookWinnerMAE))"
                """)
    }
}

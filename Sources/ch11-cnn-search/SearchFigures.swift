import CNNSearch
import Foundation
import Workbook
import WorkbookData
import WorkbookFigures

enum SearchFigures {
    /// The seed study of this very search (the same seed, epochs, space and data) when `folder` holds
    /// one, else nil: a rerun of the search redraws its ranking with the study's bars, not without them.
    /// A study file that cannot be read is named on standard error, and the ranking drawn without it.
    static func study(of report: SearchReport, in folder: String) -> SearchSeedStudy? {
        let path = (folder as NSString).appendingPathComponent(SearchSeedStudy.fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let study: SearchSeedStudy
        do { study = try ReportFile.read(SearchSeedStudy.self, from: path, what: "a seed study") } catch {
            printToStandardError("Note: \(error); the ranking is drawn without the study's ranges.\n")
            return nil
        }
        let same =
            study.searchSeed == report.seed && study.maxEpochs == report.maxEpochs
            && study.space == report.space && study.data == report.data
        return same ? study : nil
    }

    /// Every configuration's validation MAE, best first, coloured by its number of convolution layers
    /// (what sets the ranking apart), shaped by kernel width, with the book's best result as a line.
    /// With a seed study, each retrained configuration also gets its range over the study's seeds: a
    /// gap between ranks smaller than those bars is the luck of one seed.
    static func ranking(_ report: SearchReport, study: SearchSeedStudy? = nil) -> Figure {
        let rows = report.ranked.map {
            [Double($0.rank), $0.valMAE, Double($0.kernelSize), Double($0.convolutionLayers)]
        }
        let data = FigureData(
            fileName: "fig-11-05b-search-ranking.dat", columns: ["rank", "val_mae", "kernel", "conv_layers"],
            rows: rows)
        var files = [data]
        var seedClause = ""
        var values = report.ranked.map(\.valMAE) + [report.bookWinnerMAE]
        if let study {
            let ranges = study.entries.compactMap { entry -> [Double]? in
                guard let mae = entry.measures["val_mae"] else { return nil }
                return [Double(entry.searchRank), mae.mean, mae.min, mae.max]
            }
            let seeds = FigureData(
                fileName: "fig-11-05b-search-ranking-seeds.dat", columns: ["rank", "mean", "min", "max"],
                rows: ranges)
            files.append(seeds)
            values += ranges.flatMap { [$0[2], $0[3]] }
            seedClause =
                ", \\\n     \"\(seeds.fileName)\" using 1:2:3:4 with yerrorbars pt 1 ps 2 lw 2 "
                + "lc rgb \"#333333\" title \"over \(study.seeds.count) seeds: mean, lowest to highest\""
        }
        // Whole tenths around the values, so that the axis does not magnify a spread of a few hundredths.
        let low = ((values.min() ?? 0) * 10 - 1).rounded(.down) / 10
        let high = ((values.max() ?? 1) * 10 + 1).rounded(.up) / 10
        let count = report.ranked.count
        let layers = Set(report.ranked.map(\.convolutionLayers)).sorted()
        let colours = ["#2a9d8f", "#d1495b", "#6a4c93", "#e07a1f"]
        let points = layers.enumerated().flatMap { i, n in
            [(3, 7), (5, 5)].map { kernel, shape in
                "\"\(data.fileName)\" using 1:($4 == \(n) && $3 == \(kernel) ? $2 : NaN) "
                    + "with points pt \(shape) ps 1.6 lc rgb \"\(colours[i % colours.count])\" "
                    + "title \"\(n) conv layer\(n == 1 ? "" : "s"), kernel \(kernel)\""
            }
        }
        // The book's choice, where this search ranked it: labelled below its point, with an arrow up to it;
        // the configuration on a line of its own, so that the label ends inside the frame.
        var bookLabel = ""
        if let book = report.bookWinnerHere {
            let (x, y) = (Double(book.rank), book.valMAE)
            let below = max(low + 0.04 * (high - low), y - 0.2 * (high - low))
            bookLabel = """
                set label 2 "the book's choice (rank \(book.rank)):\\n\(book.configuration)" at \(x + 1), \
                \(FigureData.format(below)) left front
                set arrow 2 from \(x + 0.9), \(FigureData.format(below)) to \(x), \
                \(FigureData.format(y - 0.01 * (high - low))) ls \(FigureStyle.Role.accent.rawValue) \
                lw 1.5 front

                """
        }
        return Figure(
            name: "fig-11-05b-search-ranking",
            caption: "validation MAE of every searched configuration, best first"
                + (study == nil ? "" : ", with the seed study's ranges"),
            data: files,
            commands: """
                set title "The search: validation MAE of every configuration (best weights)"
                set xlabel "rank (search seed \(report.seed))"
                set ylabel "validation MAE"
                set key top left
                set xrange [0:\(count + 1)]
                set yrange [\(FigureData.format(low)):\(FigureData.format(high))]
                \(bookLabel)plot \(points.joined(separator: ", \\\n     ")), \\
                     \(report.bookWinnerMAE) with lines ls \(FigureStyle.Role.muted.rawValue) title "the \
                book's best (\(report.bookWinnerMAE))"\(seedClause)
                """)
    }
}

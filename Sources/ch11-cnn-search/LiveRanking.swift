import CNNSearch
import Foundation
import Workbook
import WorkbookData
import WorkbookFigures

/// The search's live plot (`--live`): the validation MAE of every configuration finished so far, best
/// first, on a log scale, redrawn as each one finishes.
final class LiveRanking: @unchecked Sendable {
    private let plot: LivePlot
    private let total: Int
    private var results: [SearchResult]

    /// Starts gnuplot (or refuses when it is missing), with the results a resumed search already holds.
    init(total: Int, done: [SearchResult]) throws {
        self.total = total
        results = done
        plot = try LivePlot(
            title: "ch11-cnn-search",
            settings: """
                set xlabel "rank"
                set ylabel "validation MAE (log scale)"
                set key top left
                set xrange [0:\(total + 1)]
                """)
    }

    /// Whether the plot stands in for the progress lines (see `LivePlot.replacesProgress`).
    var replacesProgress: Bool { plot.replacesProgress }

    /// Redraws with one more finished configuration. The runner calls this one result at a time.
    func add(_ result: SearchResult) {
        results.append(result)
        plot.show(frame())
    }

    /// Ends the stream, leaving the final ranking on screen.
    func finish() { plot.finish() }

    /// One frame: rank and MAE of each configuration so far as an inline data block, then the plot.
    func frame() -> String {
        let ranked = results.sorted { ($0.validationMAE, $0.index) < ($1.validationMAE, $1.index) }
        let rows = ranked.enumerated().map { "\($0.offset + 1) \($0.element.validationMAE)" }
        let best = ranked[0]
        // Two lines (gnuplot's "\n"): the best configuration's summary is long.
        let title =
            LivePlot.quoted("ch11-cnn-search: \(results.count) of \(total) configurations") + "\\n"
            + LivePlot.quoted(
                "best so far: MAE \(fixed(best.validationMAE, 4)), "
                    + best.configuration.summary)
        let maes = ranked.map { Float($0.validationMAE) }
        return """
            $ranking << EOD
            \(rows.joined(separator: "\n"))
            EOD
            set title "\(title)"
            \(LiveAxis.logarithmic(maes))
            plot $ranking using 1:2 with points pt 7 title "validation MAE, best first"

            """
    }
}

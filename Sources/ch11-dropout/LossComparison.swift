import SequenceNet
import Workbook
import WorkbookData
import WorkbookFigures

/// Validation and training loss of several runs of one model on one plot, each run in its own colour,
/// training dashed and validation solid: what dropout changes is easier to see side by side.
enum LossComparison {
    static func figure(name: String, title: String, runs: [(label: String, history: TrainingHistory)])
        -> Figure
    {
        let epochs = runs.map(\.history.epochs).max() ?? 0
        let rows = (0..<epochs).map { e in
            [Double(e + 1)]
                + runs.flatMap { run in
                    e < run.history.epochs
                        ? [Double(run.history.trainLoss[e]), Double(run.history.validationLoss[e])]
                        : [.nan, .nan]
                }
        }
        let columns = ["epoch"] + runs.indices.flatMap { ["training_\($0 + 1)", "validation_\($0 + 1)"] }
        let data = FigureData(fileName: name + ".dat", columns: columns, rows: rows)
        // Grey for the first run (the baseline), then the style's accent colours.
        let accents = [2, 5, 3]
        // One key entry per run, under its validation line; the key's title says which line is which
        // (two entries per run made a key too wide for the width and it fell over the x axis).
        let plots = runs.enumerated().flatMap { i, run in
            let style = i == 0 ? "lc rgb \"#555555\" lw 2" : "ls \(accents[(i - 1) % accents.count])"
            return [
                "\"\(data.fileName)\" using 1:\(2 * i + 3) with lines \(style) title \"\(run.label)\"",
                "\"\(data.fileName)\" using 1:\(2 * i + 2) with lines \(style) dt 2 notitle",
            ]
        }
        // The first epochs' fall would squash the rest onto one level: the axis covers the epochs after
        // the first tenth (at least two), and the earlier, higher losses run off the top.
        let skipped = min(max(2, epochs / 10), max(epochs - 1, 0))
        let late = runs.flatMap { run in
            Array(run.history.trainLoss.dropFirst(skipped))
                + Array(run.history.validationLoss.dropFirst(skipped))
        }
        let fitted = " (the y axis fits epochs \(skipped + 1) on; earlier losses may run off)"
        let note = skipped > 0 ? fitted : ""
        return Figure(
            name: name,
            caption: "training (dashed) and validation (solid) loss per epoch of "
                + runs.map(\.label).joined(separator: ", "),
            data: [data],
            commands: """
                set title "\(title)"
                set xlabel "epoch\(note)"
                set ylabel "MSE loss (log scale)"
                \(Figure.logScaleAxis(late.isEmpty ? runs.flatMap { $0.history.trainLoss } : late))
                set key bmargin center vertical nobox title "solid: validation, dashed: training"
                set bmargin \(6 + runs.count)
                \(Figure.epochAxis(epochs))
                plot \(plots.joined(separator: ", \\\n     "))
                """)
    }
}

import Workbook
import WorkbookData
import WorkbookFigures

/// Figure 11-15: a recurrent layer unrolled over four time steps, t-2 to t+1. Each step's cell takes
/// an input x and the recurrent value r the step before it passed on, gives an output y and passes r
/// on. The marks show where the two kinds of dropout act: dropout on the inputs x, with a fresh mask at
/// every step; recurrent dropout on the r arrows, with one mask per sequence reused at every step; and
/// the one dropout the book's models apply, `nn.Dropout` on the last step's output before the Linear.
enum UnrolledDiagram {
    static let steps = ["t-2", "t-1", "t", "t+1"]
    static let spacing = 3.2, cellHalfWidth = 0.75, cellHalfHeight = 0.45
    static let inputY = -2.0, outputY = 2.0

    static func figure() -> Figure {
        // Cells: x, y of the centre.
        let cells = steps.indices.map { [Double($0) * spacing, 0] }
        // Arrows: start x, start y, dx, dy, kind (1 input, 2 output, 3 recurrent).
        var arrows: [[Double]] = []
        for (i, cell) in cells.enumerated() {
            let x = cell[0]
            arrows.append([x, inputY + 0.35, 0, -cellHalfHeight - inputY - 0.35, 1])
            arrows.append([x, cellHalfHeight, 0, outputY - 0.35 - cellHalfHeight, 2])
            if i + 1 < cells.count {
                arrows.append([x + cellHalfWidth, 0, spacing - 2 * cellHalfWidth, 0, 3])
            }
        }
        // The r coming in from before t-2 and going on after t+1, dashed.
        arrows.append([-spacing + cellHalfWidth + 0.6, 0, spacing - 2 * cellHalfWidth - 0.6, 0, 4])
        arrows.append([cells.last![0] + cellHalfWidth, 0, spacing - 2 * cellHalfWidth - 0.6, 0, 4])
        // Dropout marks: on each input arrow, on each recurrent arrow between cells, and on the last
        // output, which the book's models pass through nn.Dropout to their Linear layer.
        var marks: [[Double]] = []
        for (i, cell) in cells.enumerated() {
            marks.append([cell[0], (inputY + 0.35 - cellHalfHeight) / 2, 1])
            if i + 1 < cells.count { marks.append([cell[0] + spacing / 2, 0, 2]) }
        }
        marks.append([cells.last![0], (cellHalfHeight + outputY - 0.35) / 2, 3])

        var labels: [String] = []
        for (i, step) in steps.enumerated() {
            let x = cells[i][0]
            labels.append(#"set label "x_{\#(step)}" at \#(x), \#(inputY) center font ",20""#)
            labels.append(#"set label "y_{\#(step)}" at \#(x), \#(outputY) center font ",20""#)
            labels.append(#"set label "cell" at \#(x), 0 center front"#)
            if i + 1 < steps.count {
                labels.append(#"set label "r_{\#(step)}" at \#(x + spacing / 2), 0.42 center font ",18""#)
            }
        }
        labels.append(
            ##"set label "dropout: a new mask on the inputs x at every step" "##
                + ##"at -2.9, -3.05 left textcolor rgb "#d1495b""##
        )
        labels.append(
            ##"set label "recurrent dropout: one mask per sequence on r, the same at every step" "##
                + ##"at -2.9, -3.6 left textcolor rgb "#6a4c93""##
        )
        labels.append(
            ##"set label "the book's models: nn.Dropout on the last output only, before the Linear layer" "##
                + ##"at -2.9, -4.15 left textcolor rgb "#e07a1f""##
        )

        let cellData = FigureData(
            fileName: "fig-11-15-unrolled-rnn-cells.dat", columns: ["x", "y"], rows: cells)
        let arrowData = FigureData(
            fileName: "fig-11-15-unrolled-rnn-arrows.dat",
            columns: ["x", "y", "dx", "dy", "kind"], rows: arrows)
        let markData = FigureData(
            fileName: "fig-11-15-unrolled-rnn-dropout.dat", columns: ["x", "y", "kind"], rows: marks)
        return Figure(
            name: "fig-11-15-unrolled-rnn",
            caption: "a recurrent layer unrolled over four steps, and where the two dropouts act",
            data: [cellData, arrowData, markData],
            commands: """
                set title "A recurrent layer unrolled over time"
                unset border
                unset tics
                unset grid
                unset key
                set size ratio -1
                set xrange [-3.0:\(Double(steps.count) * spacing - 0.2)]
                set yrange [-4.45:2.4]
                set tmargin 2
                \(labels.joined(separator: "\n"))
                plot "\(cellData.fileName)" using 1:2:(\(cellHalfWidth)):(\(cellHalfHeight)) with \
                boxxyerror fs solid 1.0 border lc rgb "#555555" fc rgb cell_fill, \\
                     "\(arrowData.fileName)" using 1:2:3:($5 == 4 ? NaN : $4) with vectors filled head size \
                0.15,25 lw 2 lc rgb "#444444", \\
                     "" using 1:2:3:($5 == 4 ? $4 : NaN) with vectors filled head size 0.15,25 lw 2 lc rgb \
                "#444444" dt 2, \\
                     "\(markData.fileName)" using 1:2:($3 == 1 ? 0xd1495b : $3 == 2 ? 0x6a4c93 : 0xe07a1f) \
                with points pt 2 ps 3 lw 3 lc rgb variable
                """, width: 1200, height: 680)
    }
}

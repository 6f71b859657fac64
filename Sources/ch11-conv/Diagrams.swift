import Workbook
import WorkbookData
import WorkbookFigures

/// Figures 11-1 to 11-3 as cell diagrams: each cell is one row of a data file (x, y, value, colour),
/// drawn as a box with its number inside, so the diagrams come from the same numbers the program
/// computed and can be restyled in their .gp scripts.
enum ConvolutionDiagrams {
    static let inputRow = 0.0, filterRow = 1.3, outputRow = -1.3
    static let colours: [String: Double] = [
        "cell": 0xEEF3FA, "covered": 0xFDE8C8, "filter": 0xE6DDF2, "result": 0xD8F0E4,
    ]

    /// The sequence alone (Figure 11-1).
    static func sequence(_ input: [Float]) -> Figure {
        diagram(
            name: "fig-11-01-sequence", caption: "the sequence as a row of cells",
            title: "A sequence of numbers", input: input, filterStart: nil, outputs: [])
    }

    /// The filter over input[start...start+K-1] and the outputs computed so far (Figures 11-2 and 11-3).
    static func stride(
        _ input: [Float], filter: [Float], output: [Float], step: Int, name: String, title: String
    ) -> Figure {
        diagram(
            name: name,
            caption: "the filter \(filter.map(show)) over input cells \(step) to \(step + filter.count - 1)",
            title: title, input: input, filterStart: step, filter: filter,
            outputs: Array(output.prefix(step + 1)))
    }

    private static func diagram(
        name: String, caption: String, title: String, input: [Float], filterStart: Int?,
        filter: [Float] = [], outputs: [Float]
    ) -> Figure {
        var rows: [[Double]] = []
        let half = filter.count / 2
        for (i, value) in input.enumerated() {
            let covered = filterStart.map { (i >= $0) && (i < $0 + filter.count) } ?? false
            rows.append([Double(i), inputRow, Double(value), colours[covered ? "covered" : "cell"]!])
        }
        if let start = filterStart {
            for (k, weight) in filter.enumerated() {
                rows.append([Double(start + k), filterRow, Double(weight), colours["filter"]!])
            }
            // Output i sits under the input the filter is centred on; the first `half` inputs get none.
            for (i, value) in outputs.enumerated() {
                rows.append([
                    Double(i + half), outputRow, Double(value),
                    colours[i == outputs.count - 1 ? "result" : "cell"]!,
                ])
            }
        }
        let data = FigureData(fileName: name + ".dat", columns: ["x", "y", "value", "rgb"], rows: rows)
        var labels = #"set label "input" at -0.8, \#(inputRow) right"#
        if filterStart != nil {
            labels += "\n" + #"set label "filter" at -0.8, \#(filterRow) right"#
            labels += "\n" + #"set label "output" at -0.8, \#(outputRow) right"#
            labels +=
                "\n" + ##"set label "lost" at 0, \##(outputRow) center textcolor rgb "#999999" font ",15""##
        }
        let yRange = filterStart == nil ? "[-0.8:0.8]" : "[-2.1:2.1]"
        return Figure(
            name: name, caption: caption, data: [data],
            commands: """
                set title "\(title)"
                unset border
                unset tics
                unset grid
                unset key
                set xrange [-2.6:\(input.count)]
                set yrange \(yRange)
                \(labels)
                plot "\(data.fileName)" using 1:2:(0.46):(0.42):4 with boxxyerror fs solid 1.0 border lc \
                rgb "#555555" fc rgb variable, \\
                     "" using 1:2:(sprintf("%g", $3)) with labels font ",20"
                """, width: 1200, height: filterStart == nil ? 260 : 520)
    }
}

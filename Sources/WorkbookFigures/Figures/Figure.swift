import Foundation
import WorkbookData

/// Columns of numbers for a figure, written as a whitespace-separated `.dat` file that gnuplot (or
/// any other tool) reads.
public struct FigureData: Sendable {
    /// The file name, e.g. `fig-11-04-cnn-predictions.dat`.
    public let fileName: String
    /// Column names, written as the file's first (comment) line.
    public let columns: [String]
    /// One row per line; every row has `columns.count` values.
    public let rows: [[Double]]

    public init(fileName: String, columns: [String], rows: [[Double]]) {
        precondition(
            rows.allSatisfy { $0.count == columns.count },
            "\(fileName): every row needs \(columns.count) values")
        self.fileName = fileName
        self.columns = columns
        self.rows = rows
    }

    /// The file's text: the same numbers always give the same bytes.
    public var text: String {
        var lines = ["# " + columns.joined(separator: " ")]
        lines.reserveCapacity(rows.count + 1)
        for row in rows { lines.append(row.map(FigureData.format).joined(separator: " ")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Shortest text that reads back as the same Float (figures need no more), integers without a point.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return Float(value).description
    }
}

/// One figure of the chapter: a gnuplot script, its data files, and the PNG that gnuplot draws
/// from them. Script and data stay beside the PNG, so a reader can restyle a figure without
/// training anything again: `cd figures && gnuplot fig-11-04-cnn-predictions.gp`.
public struct Figure: Sendable {
    /// The stable file stem the chapters link to, e.g. `fig-11-04-cnn-predictions`.
    public let name: String
    /// One line saying what the figure shows, written at the top of the script.
    public let caption: String
    public let data: [FigureData]
    /// gnuplot commands after the shared style: axes, labels, the `plot` itself.
    public let commands: String
    public let width: Int
    public let height: Int

    public init(
        name: String, caption: String, data: [FigureData], commands: String,
        width: Int = 1200, height: Int = 600
    ) {
        self.name = name
        self.caption = caption
        self.data = data
        self.commands = commands
        self.width = width
        self.height = height
    }

    public var scriptFileName: String { name + ".gp" }
    public var imageFileName: String { name + ".png" }

    /// The script's text. `outfile` may be set on gnuplot's command line; by default the PNG sits
    /// beside the script.
    public var script: String {
        """
        # \(name): \(caption)
        # Data: \(data.map(\.fileName).joined(separator: ", ")). Redraw: gnuplot \(scriptFileName)
        load "\(FigureStyle.fileName)"
        if (!exists("outfile")) outfile = "\(imageFileName)"
        set terminal pngcairo size \(width),\(height) enhanced font style_font linewidth 1.5
        set output outfile
        \(commands.trimmingCharacters(in: .newlines))
        unset output

        """
    }
}

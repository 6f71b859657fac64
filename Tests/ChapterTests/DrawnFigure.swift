import Foundation
import WorkbookData
import WorkbookFigures

/// A figure script as gnuplot draws it: each panel's labelled ticks, read from the SVG that the same
/// script draws with its terminal swapped (a PNG's pixels do not say where a tick is, and gnuplot
/// chooses some ticks itself).
struct DrawnFigure {
    enum Axis: String, Sendable { case x, y, x2, y2 }

    struct Tick {
        let axis: Axis
        /// Where along its axis, from 0 at the low end (left, or bottom) to 1 at the high end.
        let position: Double
        let label: String
    }

    /// The labelled ticks of each panel (a multiplot has several), in the order drawn.
    let panels: [[Tick]]

    /// Draws `script` (a file in `folder`, which holds its data and `style.gp`) as SVG in a scratch
    /// folder and reads the ticks back.
    static func draw(_ script: String, in folder: URL, gnuplot: String) throws -> DrawnFigure {
        let scratch = URL(fileURLWithPath: SectionRun.temporaryFolder("drawn"))
        defer { try? FileManager.default.removeItem(at: scratch) }
        let text = try String(contentsOf: folder.appendingPathComponent(script), encoding: .utf8)
        let svgScript = scratch.appendingPathComponent(script)
        try text.replacingOccurrences(of: "set terminal pngcairo", with: "set terminal svg")
            .write(to: svgScript, atomically: true, encoding: .utf8)
        let image = scratch.appendingPathComponent("figure.svg")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gnuplot)
        process.arguments = ["-e", "outfile='\(image.path)'", svgScript.path]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return read(svg: try String(contentsOf: image, encoding: .utf8))
    }

    /// gnuplot's SVG draws each frame and each tick mark as a path in the border's colour; a major tick's
    /// label follows its mark.
    static func read(svg: String) -> DrawnFigure {
        // (Extended regular expressions: white space is ignored, `\ ` is a space.)
        let frame =
            #/
            d='M([0-9.]+),([0-9.]+) \ L([0-9.]+),([0-9.]+) \ L([0-9.]+),([0-9.]+) \ L([0-9.]+),([0-9.]+)
            \ L[0-9.]+,[0-9.]+ \ Z
            /#
        var frames: [(left: Double, top: Double, right: Double, bottom: Double)] = []
        for match in svg.matches(of: frame) {
            let xs = [match.1, match.3, match.5, match.7].compactMap { Double($0) }
            let ys = [match.2, match.4, match.6, match.8].compactMap { Double($0) }
            let box = (left: xs.min()!, top: ys.min()!, right: xs.max()!, bottom: ys.max()!)
            if !frames.contains(where: { $0 == box }) { frames.append(box) }
        }
        let tick =
            #/
            <path \ stroke='rgb\(\ 68,\ \ 68,\ \ 68\)' \s+
            d='M([0-9.]+),([0-9.]+) \ L([0-9.]+),([0-9.]+) \s* '/>
            \s* <g \ transform="translate\([0-9.]+,[0-9.]+\)" [^>]*> \s* <text>(.*?)</text>
            /#
        var panels = Array(repeating: [Tick](), count: frames.count)
        for match in svg.matches(of: tick) {
            guard let x = Double(match.1), let y = Double(match.2), let x2 = Double(match.3),
                let y2 = Double(match.4)
            else { continue }
            let label = String(match.5).replacing(#/<[^>]*>/#, with: "")
                .trimmingCharacters(in: .whitespaces)
            let near = { (a: Double, b: Double) in abs(a - b) < 0.5 }
            for (i, box) in frames.enumerated() {
                let (width, height) = (box.right - box.left, box.bottom - box.top)
                let across = (x - box.left) / width, up = (box.bottom - y) / height
                var axis: Axis?
                if near(y, y2), near(x, box.left), (0...1).contains(up) { axis = .y }
                if near(y, y2), near(x, box.right), (0...1).contains(up) { axis = .y2 }
                if near(x, x2), near(y, box.bottom), (0...1).contains(across) { axis = .x }
                if near(x, x2), near(y, box.top), (0...1).contains(across) { axis = .x2 }
                guard let axis else { continue }
                let position = axis == .y || axis == .y2 ? up : across
                panels[i].append(Tick(axis: axis, position: position, label: label))
                break
            }
        }
        return DrawnFigure(panels: panels)
    }

    /// What a reader would fault in the ticks: an axis with no tick in the lowest fifth of its range
    /// (nothing to read the lowest values against), and neighbouring ticks with the same label.
    var tickProblems: [String] {
        var problems: [String] = []
        for (panel, ticks) in panels.enumerated() {
            for axis in [Axis.x, .y, .x2, .y2] {
                let along = ticks.filter { $0.axis == axis }.sorted { $0.position < $1.position }
                guard let lowest = along.first else { continue }
                if lowest.position > 0.2 + 1e-9 {
                    problems.append(
                        "panel \(panel + 1), \(axis) axis: the lowest tick (\(lowest.label)) is "
                            + String(format: "%.0f%%", 100 * lowest.position) + " up its range")
                }
                for (a, b) in zip(along, along.dropFirst()) where a.label == b.label {
                    problems.append(
                        "panel \(panel + 1), \(axis) axis: two neighbouring ticks read \(a.label)")
                }
            }
        }
        return problems
    }

    /// The labels on the x axes of every panel.
    var xLabels: [String] { panels.flatMap { $0.filter { $0.axis == .x }.map(\.label) } }
}

/// The checks every figure script must pass, whether committed or just written by a quick run.
enum FigureChecks {
    static let months = Figure.monthNames

    /// What is wrong with `script` (in `folder`) as a reader sees it: a key entry with no line drawn
    /// for it, an axis with no tick low in its range or with a label twice over, an epoch axis with
    /// fractional ticks, a time axis spanning under three years without month labels.
    static func problems(of script: String, in folder: URL, gnuplot: String) throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent(script), encoding: .utf8)
        let drawn = try DrawnFigure.draw(script, in: folder, gnuplot: gnuplot)
        let problems =
            try keyEntriesWithoutALine(text) + drawn.tickProblems + fractionalEpochs(text, drawn)
            + timeTicksWithoutMonths(text, drawn, in: folder)
        return problems.map { "\(script): \($0)" }
    }

    /// On an epoch axis every tick is a whole epoch.
    static func fractionalEpochs(_ text: String, _ drawn: DrawnFigure) -> [String] {
        guard text.contains("set xlabel \"epoch") else { return [] }
        return drawn.xLabels.filter { Int($0) == nil }.map { "an epoch tick reads \($0)" }
    }

    /// A time axis whose data span under three years is labelled in months (a year on every tick
    /// would repeat).
    static func timeTicksWithoutMonths(_ text: String, _ drawn: DrawnFigure, in folder: URL) throws
        -> [String]
    {
        guard text.contains("set xdata time"), let span = try timeSpan(text, in: folder),
            span < 3 * 365.25 * 86_400
        else { return [] }
        return drawn.xLabels.filter { label in !months.contains(where: label.contains) }.map {
            "a tick on a time axis of \(Int(span / 86_400)) days reads \($0), not a month"
        }
    }

    /// The `plot` commands of a script, each as its clauses (split at commas outside quotes and brackets).
    static func plotClauses(_ text: String) -> [[String]] {
        let joined = text.replacingOccurrences(of: "\\\n", with: " ")
        return joined.split(separator: "\n").filter { $0.hasPrefix("plot ") }.map { line in
            var clauses: [String] = [], current = "", depth = 0, quoted = false
            for character in line.dropFirst(5) {
                switch character {
                case "\"": quoted.toggle()
                case "(", "[": if !quoted { depth += 1 }
                case ")", "]": if !quoted { depth -= 1 }
                case "," where !quoted && depth == 0:
                    clauses.append(current.trimmingCharacters(in: .whitespaces))
                    current = ""
                    continue
                default: break
                }
                current.append(character)
            }
            return clauses + [current.trimmingCharacters(in: .whitespaces)]
        }
    }

    /// A `keyentry` names a line in the key; the same style must be drawn by a clause of its plot.
    static func keyEntriesWithoutALine(_ text: String) -> [String] {
        plotClauses(text).flatMap { clauses in
            clauses.filter { $0.hasPrefix("keyentry") }.compactMap { entry -> String? in
                let style = entry.dropFirst("keyentry ".count).components(separatedBy: " title")[0]
                let drawn = clauses.contains { !$0.hasPrefix("keyentry") && $0.contains(style + " ") }
                return drawn ? nil : "the key entry \(entry) has no line drawn"
            }
        }
    }

    /// The span of the first column of a script's first data file (seconds on a time axis).
    static func timeSpan(_ text: String, in folder: URL) throws -> Double? {
        guard let header = text.split(separator: "\n").first(where: { $0.hasPrefix("# Data: ") }),
            let file = header.dropFirst("# Data: ".count).components(
                separatedBy: CharacterSet(charactersIn: ", ")
            )
            .first.map({ $0.hasSuffix(".") ? String($0.dropLast()) : $0 })
        else { return nil }
        let times = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
            .compactMap { $0.split(separator: " ").first.flatMap { Double($0) } }
        guard let first = times.min(), let last = times.max() else { return nil }
        return last - first
    }
}

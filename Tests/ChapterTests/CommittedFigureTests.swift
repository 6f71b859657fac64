import CNNSearch
import Foundation
import Testing
import WorkbookData
import WorkbookFigures

/// The committed figures, as a reader redraws them: `cd figures && gnuplot <name>.gp`.
@Suite struct CommittedFigureTests {
    static let figures = ChapterSyncTests.packageRoot.appendingPathComponent("figures")
    static let gnuplot = ["/usr/bin/gnuplot", "/usr/local/bin/gnuplot"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static func scripts() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: figures.path)
            .filter { $0.hasPrefix("fig-") && $0.hasSuffix(".gp") }.sorted()
    }

    /// gnuplot warns on stderr (a range it had to extend, a key entry it could not place) and still
    /// draws: every script must draw with nothing said. The images go to a scratch folder.
    @Test(.enabled(if: gnuplot != nil, "gnuplot is not installed"))
    func everyScriptDrawsWithoutAWarning() throws {
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "figures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let scripts = try Self.scripts()
        #expect(scripts.count > 30)
        for script in scripts {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.gnuplot!)
            let image = scratch.appendingPathComponent(script + ".png").path
            process.arguments = ["-e", "outfile='\(image)'", script]
            process.currentDirectoryURL = Self.figures
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(script)")
            #expect(said.isEmpty, "\(script): \(said)")
            #expect(FileManager.default.fileExists(atPath: image), "\(script) drew nothing")
        }
    }

    /// A prediction figure in z-scores also reads in °C, the unit the pages quote.
    @Test func everyTemperaturePredictionFigureHasACelsiusAxis() throws {
        var checked = 0
        for script in try Self.scripts() {
            let text = try String(contentsOf: Self.figures.appendingPathComponent(script), encoding: .utf8)
            guard text.contains("set ylabel \"temperature (z-score)\""), text.contains("predicted") else {
                continue
            }
            checked += 1
            #expect(text.contains("set link y2 via"), "\(script) has no °C axis")
            #expect(text.contains("set y2label \"temperature (°C)\""), "\(script) has no °C axis label")
            #expect(text.contains("predicted: MAE"), "\(script) gives no MAE in its key")
        }
        #expect(checked >= 10)
    }

    /// The yardstick in a key is named in the data's own steps: months for the station record, time
    /// steps for the synthetic series, days only for the daily CET record.
    @Test func everyYardstickIsNamedInItsDatasSteps() throws {
        let expected = [
            ("fig-11-09-giss", "next month as this one"), ("fig-11-10-giss", "next month as this one"),
            ("fig-11-04-cnn-predictions", "next step as this one"),
            ("fig-11-05-search-predictions", "next step as this one"),
            ("fig-dnn-predictions", "next step as this one"), ("fig-11-12-cet", "tomorrow as today"),
            ("fig-11-13-cet", "tomorrow as today"),
        ]
        var checked = 0
        for script in try Self.scripts() {
            guard let (_, name) = expected.first(where: { script.hasPrefix($0.0) }) else { continue }
            let text = try String(contentsOf: Self.figures.appendingPathComponent(script), encoding: .utf8)
            checked += 1
            #expect(text.contains("title \"\(name): MAE"), "\(script) does not name its yardstick \(name)")
        }
        #expect(checked >= 10)
    }

    /// A title names the model, as the pages do ("GRU on CET"), never the program that drew it.
    @Test func noTitleIsAProgramsName() throws {
        let titled = try Self.scripts().filter { try Self.text($0).contains("set title \"ch11-") }
        #expect(titled.isEmpty, "titled with a program's name: \(titled.joined(separator: ", "))")
    }

    /// Each committed figure drawn once, as SVG, for the checks that need gnuplot's own ticks.
    static func drawn() throws -> [(script: String, text: String, figure: DrawnFigure)] {
        try scripts().map { script in
            (
                script, try String(contentsOf: figures.appendingPathComponent(script), encoding: .utf8),
                try DrawnFigure.draw(script, in: figures, gnuplot: gnuplot!)
            )
        }
    }

    /// A line named in the key is a line on the plot: a `keyentry` alone promises a line nobody drew.
    @Test func everyKeyEntryHasADrawnLine() throws {
        var problems: [String] = []
        for script in try Self.scripts() {
            let text = try String(contentsOf: Self.figures.appendingPathComponent(script), encoding: .utf8)
            problems += FigureChecks.keyEntriesWithoutALine(text).map { "\(script): \($0)" }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// Every axis has a tick in the lowest fifth of its range (a log-scale validation curve at 0.092 under
    /// a first tick of 0.1 cannot be read), and no two neighbouring ticks share a label.
    @Test(.enabled(if: gnuplot != nil, "gnuplot is not installed"))
    func everyAxisHasATickLowInItsRange() throws {
        let problems = try Self.drawn().flatMap { script, _, figure in
            figure.tickProblems.map { "\(script): \($0)" }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// Epochs are whole: no tick at 1.2; a time axis spanning under three years is labelled in months.
    @Test(.enabled(if: gnuplot != nil, "gnuplot is not installed"))
    func epochTicksAreWholeAndShortSpansShowMonths() throws {
        var problems: [String] = [], epochAxes = 0, timeAxes = 0
        for (script, text, figure) in try Self.drawn() {
            epochAxes += text.contains("set xlabel \"epoch") ? 1 : 0
            timeAxes += text.contains("set xdata time") ? 1 : 0
            problems += try
                (FigureChecks.fractionalEpochs(text, figure)
                + FigureChecks.timeTicksWithoutMonths(text, figure, in: Self.figures)).map {
                    "\(script): \($0)"
                }
        }
        #expect(epochAxes >= 20 && timeAxes >= 10)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    static func text(_ script: String) throws -> String {
        try String(contentsOf: figures.appendingPathComponent(script), encoding: .utf8)
    }

    /// The rows of a figure's data file, as numbers.
    static func rows(_ file: String) throws -> [[Double]] {
        try String(contentsOf: figures.appendingPathComponent(file), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: " ").compactMap { Double($0) } }
    }

    /// The strings a script's `set label` commands write.
    static func labels(_ text: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix("set label") }.compactMap {
            $0.split(separator: "\"", omittingEmptySubsequences: false).dropFirst().first.map(String.init)
        }
    }

    /// The book's text says the early GISS predictions are off "at time steps 160-170": its plots number
    /// the validation windows from 97, so those are windows 63 to 73. Each GISS prediction figure shades
    /// that span and labels it.
    @Test func gissPredictionsMarkTheBooksSteps160To170() throws {
        let scripts = try Self.scripts().filter {
            $0.hasPrefix("fig-11-09-giss-predictions") || $0.hasPrefix("fig-11-10-giss-predictions")
        }
        #expect(scripts.count == 4)
        for script in scripts {
            let text = try Self.text(script)
            let times = try Self.rows(script.replacingOccurrences(of: ".gp", with: ".dat")).map { $0[0] }
            let band = text.split(separator: "\n").first { $0.contains("rect from") }.map {
                $0.matches(of: #/(?:from|to) ([0-9.]+), graph/#).compactMap { Double($0.1) }
            }
            let step = times[1] - times[0]
            #expect(
                band.map {
                    $0.count == 2 && $0[0] <= times[63] && $0[1] >= times[73] && $0[1] - $0[0] < 12 * step
                }
                    ?? false, "\(script) shades no band over validation windows 63 to 73")
            #expect(
                Self.labels(text).contains { $0.contains("160") && $0.contains("170") },
                "\(script) does not label the book's steps 160 to 170")
        }
    }

    /// Figure 11-8's axis is in years: the split is labelled by the month validation starts, not by the
    /// index of a series the axis does not show.
    @Test func theGISSSplitIsLabelledByItsDate() throws {
        let text = try Self.text("fig-11-08-giss-split.gp")
        let first = try #require(try Self.rows("fig-11-08-giss-split.dat").first { $0[2] == 1 })[0]
        let year = Int(first), month = Int(((first - Double(year)) * 12).rounded(.down))
        let when = "\(FigureChecks.months[month]) \(year)"
        #expect(Self.labels(text).contains { $0.contains(when) }, "no label names \(when)")
        #expect(!text.contains("index"), "the figure still speaks of an index")
    }

    /// The recurrent-dropout run also has the book's ordinary dropout: a figure naming its recurrent
    /// dropout names both.
    @Test func recurrentDropoutFiguresStateBothDropouts() throws {
        let report = try RunReport.read(
            from: Self.figures.appendingPathComponent("ch11-dropout-recurrent-sequence.metrics.json").path)
        guard case .double(let dropout) = report.settings["dropout"] else {
            Issue.record("the recurrent-dropout run's report gives no dropout")
            return
        }
        let ordinary = "dropout \(Float(dropout))"
        var checked = 0
        for script in try Self.scripts() {
            let quoted = try Self.text(script).split(separator: "\"").enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
            for string in quoted where string.contains(#/recurrent dropout [0-9]/#) {
                checked += 1
                #expect(
                    string.replacingOccurrences(of: "recurrent dropout", with: "").contains(ordinary),
                    "\(script): \"\(string)\" does not state the run's \(ordinary)")
            }
        }
        #expect(checked >= 2)
    }

    /// The search's ranking labels the configuration the book chose, where this search ranked it.
    @Test func theSearchRankingLabelsTheBooksChoice() throws {
        let report = try JSONDecoder().decode(
            SearchReport.self,
            from: Data(contentsOf: Self.figures.appendingPathComponent(SearchReport.fileName)))
        let book = try #require(report.bookWinnerHere)
        let text = try Self.text("fig-11-05b-search-ranking.gp")
        #expect(
            Self.labels(text).contains {
                $0.contains(book.configuration) && $0.contains("rank \(book.rank)")
            },
            "no label names the book's choice, \(book.configuration), at rank \(book.rank)")
    }
}

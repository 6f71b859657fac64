import Foundation
import Testing

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
}

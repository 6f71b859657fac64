import Foundation
import Testing
@testable import WorkbookData
@testable import WorkbookFigures

@Suite struct FigureTests {
    let tiny = Figure.predictions(
        name: "fig-test", title: "Test",
        series: PredictionSeries(
            time: [1000, 1001, 1002], actual: [1.5, 2, -0.25], predicted: [1.25, 2.5, 0.1]),
        xLabel: "time step", yLabel: "value", caption: "a test figure")

    /// The script and data are text a reader edits: golden-tested line for line.
    @Test func goldenScriptAndData() {
        #expect(
            tiny.data[0].text == """
                # time actual predicted
                1000 1.5 1.25
                1001 2 2.5
                1002 -0.25 0.1

                """)
        #expect(
            tiny.script == """
                # fig-test: a test figure
                # Data: fig-test.dat. Redraw: gnuplot fig-test.gp
                load "style.gp"
                if (!exists("outfile")) outfile = "fig-test.png"
                set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
                set output outfile
                set title "Test"
                set xlabel "time step"
                set ylabel "value"
                set yrange [-0.3875:3.325]
                set xrange [*:*] noextend
                set key top left title "MAE over the points shown"
                plot "fig-test.dat" using 1:2 with lines ls 1 title "actual", \\
                     "fig-test.dat" using 1:3 with lines ls 2 title "predicted: MAE 0.37"
                unset output

                """)
    }

    @Test func writesScriptDataAndStyleWithoutDrawing() throws {
        let folder = temporaryFolder("figure-test")
        // Nothing was drawn, and the outcome says so (it used to claim the PNG as drawn).
        let outcome = try FigureWriter(folder: folder).write(tiny, draw: false)
        #expect(outcome == .scriptOnly(path: folder + "/fig-test.gp"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [
                "fig-test.dat", "fig-test.gp", "style.gp",
            ])
    }

    static let hasGnuplot = FigureWriter.gnuplotPath() != nil

    @Test(.enabled(if: hasGnuplot, "gnuplot is not installed: PNG rendering not tested"))
    func drawsAPNGAndTheSameBytesTwice() throws {
        let folder = temporaryFolder("figure-test")
        let writer = FigureWriter(folder: folder)
        #expect(try writer.write(tiny) == .drawn(path: folder + "/fig-test.png"))
        let first = try Data(contentsOf: URL(fileURLWithPath: folder + "/fig-test.png"))
        #expect(first.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        _ = try writer.write(tiny)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/fig-test.png")) == first)
        #expect(
            !(try FileManager.default.contentsOfDirectory(atPath: folder)).contains {
                $0.hasSuffix(".partial")
            })
    }

    /// A failing script keeps the last good PNG, leaves no partial file, and passes gnuplot's message on.
    @Test(.enabled(if: hasGnuplot, "gnuplot is not installed: the failure path is not tested"))
    func failureKeepsTheOldPNGAndReportsGnuplotsMessage() throws {
        let folder = temporaryFolder("figure-test")
        let writer = FigureWriter(folder: folder)
        _ = try writer.write(tiny)
        let good = try Data(contentsOf: URL(fileURLWithPath: folder + "/fig-test.png"))
        let broken = Figure(
            name: "fig-test", caption: "broken", data: tiny.data,
            commands: "plot \"fig-test.dat\" using 1:2 with nonsense")
        guard case .failed(let message) = try writer.write(broken) else {
            Issue.record("a broken script was drawn")
            return
        }
        #expect(message.contains("fig-test.gp"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/fig-test.png")) == good)
        #expect(
            !(try FileManager.default.contentsOfDirectory(atPath: folder)).contains {
                $0.hasSuffix(".partial")
            })
    }
}

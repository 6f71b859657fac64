import Foundation
import Testing
@testable import WorkbookData
@testable import WorkbookFigures

/// The stream itself: frames go whole or not at all, and the newest one is drawn at the end.
@Suite struct LivePlotTests {
    @Test func aBusyGnuplotGetsWholeFramesOnlyAndTheNewestOneAtTheEnd() throws {
        // Reads nothing for a moment, while frames of 10 kB come far faster than a pipe holds them.
        let record = temporaryFolder("slow-gnuplot") + "/stdin"
        let gnuplot = try fakeGnuplotScript("sleep 0.3\nexec cat > '\(record)'")
        let plot = try LivePlot(
            title: "test", settings: "set xlabel \"x\"", gnuplot: gnuplot,
            display: .text(columns: 80, rows: 24, inPlace: false))
        let filler = String(repeating: "1 2 3\n", count: 1_700)
        for frame in 1...100 { plot.show("$d << EOD\n\(filler)EOD\nplot $d title \"frame \(frame)\"\n") }
        plot.finish()

        let stream = try String(contentsOfFile: record, encoding: .utf8)
        let frames = stream.components(separatedBy: "$d << EOD\n").dropFirst()
        let whole = filler + "EOD\nplot $d title \"frame "
        #expect(frames.allSatisfy { $0.hasPrefix(whole) }, "only whole frames")
        let numbers = frames.compactMap { frame in
            frame.split(separator: "\"").dropFirst().first.flatMap { Int($0.dropFirst("frame ".count)) }
        }
        #expect(numbers.count == frames.count && numbers.count < 100, "frames were dropped: \(numbers)")
        #expect(numbers == numbers.sorted() && numbers.last == 100, "the newest frame came last: \(numbers)")
    }
}

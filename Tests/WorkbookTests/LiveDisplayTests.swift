import Foundation
import Testing
@testable import Workbook

/// Where `--live` draws: a window only with a display and a gnuplot that can open one, else text.
@Suite struct LiveDisplayTests {
    /// An executable `gnuplot` script in a fresh folder; it notes each start in `started`.
    func fakeGnuplot(terminals: String) throws -> (path: String, started: String) {
        let folder = temporaryFolder("fake-gnuplot")
        let path = folder + "/gnuplot", started = folder + "/started"
        let script = "#!/bin/sh\ntouch '\(started)'\necho '\(terminals)' >&2\n"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return (path, started)
    }

    @Test func aDisplayAndAWindowTerminalGiveAWindow() throws {
        let gnuplot = try fakeGnuplot(terminals: "cairolatex dumb png qt svg x11")
        #expect(
            LiveDisplay.choose(gnuplot: gnuplot.path, environment: ["DISPLAY": ":0"])
                == .window(terminal: "qt"))
        #expect(
            LiveDisplay.choose(gnuplot: gnuplot.path, environment: ["WAYLAND_DISPLAY": "wayland-0"])
                == .window(terminal: "qt"))
    }

    @Test func withoutAWindowTerminalOrWithoutADisplayItIsText() throws {
        let nox = try fakeGnuplot(terminals: "dumb png svg")
        guard case .text = LiveDisplay.choose(gnuplot: nox.path, environment: ["DISPLAY": ":0"]) else {
            Issue.record("a gnuplot without window terminals cannot open a window")
            return
        }
        let withWindows = try fakeGnuplot(terminals: "dumb qt")
        guard case .text = LiveDisplay.choose(gnuplot: withWindows.path, environment: ["DISPLAY": ""]) else {
            Issue.record("no display, no window")
            return
        }
        #expect(!FileManager.default.fileExists(atPath: withWindows.started), "not asked without a display")
    }

    @Test func textIsSizedFromTheEnvironmentWhenStandardErrorIsNoTerminal() throws {
        guard isatty(STDERR_FILENO) == 0 else { return }  // a terminal's own size wins
        let gnuplot = try fakeGnuplot(terminals: "dumb")
        #expect(
            LiveDisplay.choose(gnuplot: gnuplot.path, environment: ["COLUMNS": "120", "LINES": "40"])
                == .text(columns: 119, rows: 38, inPlace: false))
        #expect(
            LiveDisplay.choose(gnuplot: gnuplot.path, environment: [:])
                == .text(columns: 79, rows: 22, inPlace: false))
    }
}

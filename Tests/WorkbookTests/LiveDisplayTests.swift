import Foundation
import Testing
@testable import WorkbookData
@testable import WorkbookFigures

/// Where `--live` draws: a window only with a display and a gnuplot that can open one, else text.
@Suite struct LiveDisplayTests {
    /// An executable `gnuplot` script in a fresh folder; it notes each start in `started`.
    func fakeGnuplot(terminals: String) throws -> (path: String, started: String) {
        let started = temporaryFolder("started") + "/started"
        return (try fakeGnuplotScript("touch '\(started)'\necho '\(terminals)' >&2"), started)
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

    /// A gnuplot that never answers, because it waits for a process it started, costs the probe its
    /// bound and no more; it is ended with that process, and there is no window.
    @Test func aGnuplotThatHangsOnItsOwnChildMeansNoWindowWithinTheBound() throws {
        let group = temporaryFolder("group") + "/group"
        let path = try fakeGnuplotScript("echo $$ > '\(group)'\necho 'dumb qt' >&2\nsleep 300 &\nwait")
        let leader = {
            Int32((try? String(contentsOfFile: group, encoding: .utf8))?.split(separator: "\n").first ?? "")
        }
        defer { if let leader = leader() { kill(-leader, SIGKILL) } }
        let started = Date()
        #expect(LiveDisplay.windowTerminal(of: path, timeLimit: 3) == nil)
        #expect(Date().timeIntervalSince(started) < 10)
        let pgid = try #require(leader(), "the fake never ran")
        // Its group is gone (its members may take a moment to be reaped by whoever inherits them).
        let deadline = Date().addingTimeInterval(3)
        while kill(-pgid, 0) == 0 && Date() < deadline { usleep(20_000) }
        #expect(kill(-pgid, 0) != 0, "the fake's group outlived the probe")
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

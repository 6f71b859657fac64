import Foundation
import Testing
import WorkbookData
import WorkbookFigures

/// `--live`: sections stream one whole frame per epoch to a gnuplot process, and a gnuplot that dies,
/// or never reads, or is missing, never stops or changes a run. A fake gnuplot first in PATH stands in.
@Suite struct LivePlotSectionTests {
    /// A folder holding an executable `gnuplot` shell script with `body` as its commands.
    func fakeGnuplot(_ body: String) throws -> String { try FakeGnuplot(body).folder }

    /// Runs a section with `folder` first in PATH (or, with `only`, as the whole PATH) and no display
    /// (or `display` as DISPLAY), killed after `seconds` (a blocked run would otherwise hang the tests).
    /// Whatever a fake gnuplot in `folder` left running is ended afterwards.
    func run(
        _ section: String, _ arguments: [String], gnuplotIn folder: String, only: Bool = false,
        display: String? = nil, seconds: Double = 300
    ) throws -> (run: SectionRun, timedOut: Bool) {
        defer { FakeGnuplot(folder: folder).endLeftovers() }
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = only ? folder : folder + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["DISPLAY"] = display
        environment["WAYLAND_DISPLAY"] = nil
        let process = Process()
        process.executableURL = SectionRun.productsFolder.appendingPathComponent(section)
        process.arguments = arguments
        process.environment = environment
        let output = SectionRun.temporaryFolder("\(section)-live-output")
        defer { try? FileManager.default.removeItem(atPath: output) }
        _ = FileManager.default.createFile(atPath: output + "/stdout", contents: nil)
        _ = FileManager.default.createFile(atPath: output + "/stderr", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output + "/stdout"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: output + "/stderr"))
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let run = SectionRun(
            status: process.terminationStatus,
            standardOutput: try String(contentsOfFile: output + "/stdout", encoding: .utf8),
            standardError: try String(contentsOfFile: output + "/stderr", encoding: .utf8))
        return (run, timedOut)
    }

    /// The rows of each inline data block named `name` in a recorded stream, one array per frame.
    func frames(_ stream: String, block name: String) -> [[[String]]] {
        var frames: [[[String]]] = [], rows: [[String]]? = nil
        for line in stream.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "$\(name) << EOD" {
                rows = []
            } else if line == "EOD", let finished = rows {
                frames.append(finished)
                rows = nil
            } else if rows != nil {
                rows!.append(line.split(separator: " ").map(String.init))
            }
        }
        return frames
    }

    @Test func aQuickLiveRunSendsOneWholeFramePerEpochAndTrainsAsWithout() throws {
        let record = SectionRun.temporaryFolder("live-record") + "/stdin"
        let gnuplot = try fakeGnuplot("cat > '\(record)'")
        let folder = SectionRun.temporaryFolder("ch11-cnn-live")
        let (run, _) = try run(
            "ch11-cnn",
            [
                "--quick", "--epochs", "3", "--live", "--no-figures",
                "--out", folder,
            ], gnuplotIn: gnuplot)
        #expect(run.status == 0, "\(run.standardError)")
        let stream = try String(contentsOfFile: record, encoding: .utf8)
        #expect(stream.hasPrefix("set terminal dumb"), "no display: text\n\(stream.prefix(200))")
        #expect(stream.split(separator: "\n").filter { $0.hasPrefix("plot ") }.count == 3)
        let sent = frames(stream, block: "loss")
        #expect(sent.map(\.count) == [1, 2, 3], "points per redraw")
        // The points are the run's own losses, epoch by epoch.
        let report = try RunReport.read(from: folder + "/ch11-cnn.metrics.json")
        for (epoch, row) in sent[2].enumerated() {
            #expect(row == ["\(epoch + 1)", "\(report.trainLoss[epoch])", "\(report.valLoss[epoch])"])
        }
        // The plot stands in for the progress lines.
        #expect(!run.standardError.contains("epoch 1/3"), "\(run.standardError)")

        // Live plotting changes no number: the same seed without it gives the same report.
        let plainFolder = SectionRun.temporaryFolder("ch11-cnn-plain")
        let plain = try SectionRun.run(
            "ch11-cnn",
            [
                "--quick", "--epochs", "3", "--no-figures",
                "--out", plainFolder,
            ])
        #expect(plain.status == 0)
        var (live, without) = (report, try RunReport.read(from: plainFolder + "/ch11-cnn.metrics.json"))
        (live.secondsTotal, live.secondsPerEpoch) = (0, 0)
        (without.secondsTotal, without.secondsPerEpoch) = (0, 0)
        #expect(live == without)
    }

    /// Reads up to the end of the first frame.
    static let firstFrame = "while IFS= read -r line; do case \"$line\" in plot*) break;; esac; done"

    @Test(arguments: [
        firstFrame + "\nexit 0",
        // Alive, but not reading: a write then fails with EPIPE (or kills a run that lets SIGPIPE through).
        firstFrame + "\nexec 0<&-\nexec sleep 600",
    ])
    func aGnuplotThatStopsAfterTheFirstFrameLeavesTheRunToFinish(script: String) throws {
        let gnuplot = try fakeGnuplot(script)
        let folder = SectionRun.temporaryFolder("ch11-cnn-live-dies")
        let (run, timedOut) = try run(
            "ch11-cnn",
            [
                "--quick", "--epochs", "10", "--live", "--no-figures",
                "--out", folder,
            ], gnuplotIn: gnuplot)
        #expect(!timedOut && run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Validation MAE after 10 epochs"))
        #expect(FileManager.default.fileExists(atPath: folder + "/ch11-cnn.metrics.json"))
        // Said once, and the progress lines take over.
        let saidStopped = run.standardError.components(separatedBy: "the live plot stopped").count - 1
        #expect(saidStopped == 1, "\(run.standardError)")
        #expect(run.standardError.contains("epoch 10/10"), "\(run.standardError)")
    }

    @Test func aGnuplotThatNeverReadsDoesNotBlockTheRun() throws {
        // 400 epochs of growing frames: about 2 MB, some 30 times what a pipe holds.
        let gnuplot = try fakeGnuplot("exec sleep 600")
        let folder = SectionRun.temporaryFolder("ch11-cnn-live-stuck")
        let (run, timedOut) = try run(
            "ch11-cnn",
            [
                "--quick", "--filters", "2", "--epochs", "400", "--live",
                "--no-figures", "--out", folder,
            ],
            gnuplotIn: gnuplot, seconds: 240)
        #expect(!timedOut, "the run blocked on gnuplot's full pipe")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder + "/ch11-cnn.metrics.json"))
        #expect(
            run.standardError.contains("gnuplot did not take the last frame in time and was stopped"),
            "\(run.standardError)")
    }

    /// A gnuplot that leaves a process behind and so never exits: the run still ends, with its report,
    /// and nothing of gnuplot outlives it. With a display, the window-terminal probe meets the same
    /// gnuplot first; it is ended after its bound and the plot falls back to text.
    @Test(arguments: [nil, ":0"])
    func aGnuplotThatLeavesAChildBehindNeverHangsALiveRun(display: String?) throws {
        let fake = try FakeGnuplot.leavingAChildBehind()
        defer { fake.endLeftovers() }
        let folder = SectionRun.temporaryFolder("ch11-cnn-live-leftover")
        let (run, timedOut) = try run(
            "ch11-cnn", ["--quick", "--epochs", "2", "--live", "--no-figures", "--out", folder],
            gnuplotIn: fake.folder, display: display, seconds: 90)
        #expect(!timedOut && run.status == 0, "\(run.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder + "/ch11-cnn.metrics.json"))
        #expect(run.standardError.contains("--live: gnuplot did not exit after the last frame"))
        #expect(fake.starts.count == (display == nil ? 1 : 2), "the probe, then the plot")
        #expect(fake.leftovers.isEmpty, "left running: \(fake.leftovers)")
    }

    @Test func aSlowGnuplotGetsWholeFramesOnlyAndTheFinalCurve() throws {
        // Reads nothing for a second while epochs go by (how many frames are dropped depends on the
        // machine's speed; LivePlotTests pins that down).
        let record = SectionRun.temporaryFolder("live-slow-record") + "/stdin"
        let gnuplot = try fakeGnuplot("sleep 1\nexec cat > '\(record)'")
        let folder = SectionRun.temporaryFolder("ch11-cnn-live-slow")
        let (run, timedOut) = try run(
            "ch11-cnn",
            [
                "--quick", "--filters", "2", "--epochs", "300", "--live",
                "--no-figures", "--out", folder,
            ], gnuplotIn: gnuplot)
        #expect(!timedOut && run.status == 0, "\(run.standardError)")
        let stream = try String(contentsOfFile: record, encoding: .utf8)
        let sent = frames(stream, block: "loss")
        // Every frame arrived whole: a data block, its rows, the end marker, then its plot command.
        #expect(stream.components(separatedBy: "$loss << EOD").count - 1 == sent.count)
        #expect(stream.split(separator: "\n").filter { $0.hasPrefix("plot ") }.count == sent.count)
        let epochsInOrder = sent.allSatisfy { frame in
            frame.enumerated().allSatisfy { row in
                row.element.count == 3 && row.element[0] == "\(row.offset + 1)"
            }
        }
        #expect(epochsInOrder, "each frame holds epochs 1, 2, ... with both losses")
        #expect(sent.last?.count == 300, "the final curve is drawn")
    }

    @Test func theSearchRedrawsItsRankingAsEachConfigurationFinishes() throws {
        let record = SectionRun.temporaryFolder("live-search-record") + "/stdin"
        let gnuplot = try fakeGnuplot("cat > '\(record)'")
        let folder = SectionRun.temporaryFolder("ch11-cnn-search-live")
        let (run, _) = try run(
            "ch11-cnn-search", ["--quick", "--live", "--no-figures", "--out", folder],
            gnuplotIn: gnuplot)
        #expect(run.status == 0, "\(run.standardError)")
        let sent = frames(try String(contentsOfFile: record, encoding: .utf8), block: "ranking")
        #expect(sent.map(\.count) == [1, 2, 3, 4, 5, 6], "one more configuration per redraw")
        // The last frame ranks all six, best first.
        let maes = sent.last?.compactMap { Double($0[1]) } ?? []
        #expect(maes.count == 6 && maes == maes.sorted())
        #expect(run.standardOutput.contains("Top 6 of 6 configurations"))
    }

    @Test(arguments: ["ch11-cnn", "ch11-cet-rnn", "ch11-cnn-search"])
    func withoutGnuplotLiveIsRefusedBeforeTraining(section: String) throws {
        let empty = SectionRun.temporaryFolder("no-gnuplot")
        let folder = SectionRun.temporaryFolder("\(section)-no-gnuplot")
        let (run, _) = try run(section, ["--quick", "--live", "--out", folder], gnuplotIn: empty, only: true)
        #expect(run.status != 0)
        #expect(
            run.standardError.contains("--live needs gnuplot, which is not on the PATH"),
            "\(run.standardError)")
        #expect(run.standardError.contains("apt-get install gnuplot"), "the install hint")
        #expect(!run.standardError.contains("epoch 1/") && !run.standardOutput.contains("MAE"))
    }
}

import Foundation
import Testing

/// gnuplot is a child process the run does not control: a hang is cut short, a silent failure is called
/// what it is, and `--figures` without a working gnuplot is refused before any training.
@Suite struct GnuplotLimitTests {
    @Test func aHangingGnuplotIsStoppedAndTheRunFinishes() throws {
        let hanging = try FakeGnuplot("exec sleep 600")
        defer { hanging.endLeftovers() }
        let folder = SectionRun.temporaryFolder("conv-hang")
        let environment = hanging.environment.merging(["CH11_GNUPLOT_TIME_LIMIT": "2"]) { $1 }
        let run = try SectionRun.run("ch11-conv", ["--out", folder], environment: environment, timeLimit: 60)
        #expect(!run.timedOut, "the run hung with gnuplot")
        #expect(run.status == 0, "\(run.standardError)")
        let message = "gnuplot did not finish fig-11-01-sequence within 2 s"
        #expect(run.standardError.contains(message), "\(run.standardError)")
        #expect(run.standardOutput.contains("agree: yes"))
        let written = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(!written.contains { $0.hasSuffix(".png") || $0.contains("partial") }, "\(written)")
        #expect(written.contains("fig-11-01-sequence.gp"), "the scripts are still written: \(written)")
    }

    /// A gnuplot that leaves a process behind is ended with it, in its own process group: the limit
    /// is paid once (Foundation's Process waited for every descendant, 30 s and more per figure), the
    /// remaining figures get their scripts only, and nothing of it outlives the run.
    @Test func aGnuplotThatLeavesAChildBehindCostsTheLimitOnceAndIsEndedWithIt() throws {
        let fake = try FakeGnuplot.leavingAChildBehind()
        defer { fake.endLeftovers() }
        let folder = SectionRun.temporaryFolder("conv-leftover")
        let environment = fake.environment.merging(["CH11_GNUPLOT_TIME_LIMIT": "2"]) { $1 }
        let started = Date()
        let run = try SectionRun.run("ch11-conv", ["--out", folder], environment: environment, timeLimit: 60)
        let seconds = Date().timeIntervalSince(started)
        #expect(!run.timedOut && run.status == 0, "\(run.standardError)")
        #expect(seconds < 15, "took \(seconds) s for a 2 s limit")
        #expect(
            run.standardError.components(separatedBy: "did not finish").count == 2, "\(run.standardError)")
        #expect(run.standardOutput.contains("Figure script: \(folder)/fig-11-03-next-stride.gp"))
        #expect(fake.starts.count == 1, "gnuplot was asked again after it hung")
        #expect(fake.leftovers.isEmpty, "left running: \(fake.leftovers)")
    }

    /// SIGTERM while gnuplot draws: gnuplot's group is ended, its unfinished image removed, and the run
    /// says so and exits 143.
    @Test func aStopWhileFiguresAreDrawnEndsGnuplotAndLeavesNoPartialImage() throws {
        // Makes the unfinished image it was asked for (`-e outfile='...'`), then hangs.
        let fake = try FakeGnuplot(
            """
            for a; do case "$a" in outfile=*) f=${a#outfile=?}; touch "${f%?}";; esac; done
            sleep 300 &
            wait
            """)
        defer { fake.endLeftovers() }
        let folder = SectionRun.temporaryFolder("conv-stopped")
        let running = try RunningSection("ch11-conv", ["--out", folder], environment: fake.environment)
        let partial = {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
                $0.contains(".partial-")
            }
        }
        let drawing = running.wait(until: { !partial().isEmpty && !fake.starts.isEmpty }, timeLimit: 60)
        kill(running.process.processIdentifier, SIGTERM)
        let run = try running.finish(timeLimit: 30)
        #expect(drawing, "gnuplot never started drawing")
        #expect(run.status == 143, "\(run.standardError)")
        #expect(
            run.standardError.contains("Stopped by SIGTERM while gnuplot drew fig-11-01-sequence"),
            "\(run.standardError)")
        #expect(partial().isEmpty, "left behind: \(partial())")
        #expect(fake.leftovers.isEmpty, "left running: \(fake.leftovers)")
    }

    /// Results reach a log as they are printed, not when the process ends (nohup, GNU parallel, Slurm).
    @Test func outputToAFileIsWrittenAsItIsPrinted() throws {
        let hanging = try FakeGnuplot("exec sleep 600")
        // The run is killed while gnuplot hangs: its gnuplot, in a group of its own, is ended here.
        defer { hanging.endLeftovers() }
        let environment = hanging.environment.merging(["CH11_GNUPLOT_TIME_LIMIT": "30"]) { $1 }
        let running = try RunningSection(
            "ch11-conv", ["--out", SectionRun.temporaryFolder("conv-log")],
            environment: environment)
        // While gnuplot hangs, the table printed before it must already be in the file.
        let seen = running.wait(
            until: {
                running.process.isRunning && running.standardOutputSoFar.contains("agree: yes")
            }, timeLimit: 20)
        kill(running.process.processIdentifier, SIGKILL)
        _ = try running.finish(timeLimit: 10)
        #expect(seen, "standard output reached the file only at the end")
    }

    @Test func aGnuplotThatWritesNothingIsNotCalledAFailedExit() throws {
        let silent = try FakeGnuplot("exit 0")
        let run = try SectionRun.run(
            "ch11-conv", ["--out", SectionRun.temporaryFolder("conv-silent")],
            environment: silent.environment, timeLimit: 60)
        #expect(!run.standardError.contains("exited with status 0"), "\(run.standardError)")
        let message = "gnuplot finished without drawing fig-11-01-sequence"
        #expect(run.standardError.contains(message), "\(run.standardError)")
    }

    @Test(arguments: ["missing", "broken"])
    func figuresWithoutAWorkingGnuplotAreRefusedBeforeTraining(gnuplot: String) throws {
        let environment =
            gnuplot == "missing"
            ? FakeGnuplot.absent : try FakeGnuplot("echo 'no terminal' >&2; exit 1").environment
        let out = SectionRun.temporaryFolder("cnn-no-gnuplot")
        let run = try SectionRun.run(
            "ch11-cnn", ["--quick", "--figures", "--out", out],
            environment: environment, timeLimit: 120)
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.contains("--figures"), "\(run.standardError)")
        let trained = run.standardError.contains("epoch 1/") || run.standardOutput.contains("Validation MAE")
        #expect(!trained, "it trained first")
    }
}

import Foundation
import Testing

/// Every executable answers `--help` with its usage and exit 0, and a value its options refuse with
/// a message and exit 64 (EX_USAGE, ArgumentParser's code for a validation error), before any work.
@Suite struct CommandLineTests {
    static let executables = [
        "ch11-conv", "ch11-cnn", "ch11-cnn-search", "ch11-giss-rnn", "ch11-cet-rnn", "ch11-gru-lstm",
        "ch11-dropout", "ch11-bidirectional", "chapter-sync", "recurrent-bench",
    ]

    @Test(arguments: executables)
    func helpListsTheOptions(executable: String) throws {
        let run = try SectionRun.run(executable, ["--help"])
        #expect(run.status == 0, "\(executable) --help: \(run.standardError)")
        #expect(run.standardOutput.contains("USAGE: \(executable)"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("-h, --help"))
    }

    /// A refused value for each: the option it names, said on standard error, and nothing run.
    @Test(arguments: [
        ("ch11-conv", ["--input", "1", "2", "--filter", "1", "2", "3"], "--input"),
        ("ch11-cnn", ["--epochs", "0"], "--epochs"),
        ("ch11-cnn-search", ["--epochs", "0"], "--epochs"),
        ("ch11-giss-rnn", ["--batch-size", "0"], "--batch-size"),
        ("ch11-cet-rnn", ["--hidden", "0"], "--hidden"),
        ("ch11-gru-lstm", ["--dropout", "1.5"], "--dropout"),
        ("ch11-dropout", ["--lr", "-1"], "--lr"),
        ("ch11-bidirectional", ["--days", "-3"], "--days"),
        ("recurrent-bench", ["--batch", "0"], "--batch"),
    ])
    func refusedValueExitsWithUsageError(executable: String, arguments: [String], option: String) throws {
        let run = try SectionRun.run(executable, arguments)
        #expect(run.status == 64, "\(executable) \(arguments): status \(run.status), \(run.standardError)")
        #expect(run.standardError.contains(option), "\(run.standardError)")
        #expect(!run.standardOutput.contains("epoch"), "\(executable) started work: \(run.standardOutput)")
    }

    /// Options that cannot be honoured together are refused, naming them, rather than silently ignored;
    /// values a section can check before reading its data are refused before it does any work.
    @Test(arguments: [
        ("ch11-cnn-search", ["--shard", "0/2", "--seeds", "2"], "add --seeds to the --merge"),
        (
            "ch11-cnn", ["--model", "dnn", "--filters", "64", "--kernel-size", "5"],
            "--filters and --kernel-size"
        ),
        ("ch11-cnn", ["--model", "dnn", "--kernel-size", "5"], "--kernel-size shapes the CNN's convolution"),
    ])
    func aCombinationThatCannotBeHonouredIsRefused(
        executable: String, arguments: [String], message: String
    ) throws {
        let out = SectionRun.temporaryFolder("refused")
        let run = try SectionRun.run(executable, arguments + ["--quick", "--no-figures", "--out", out])
        #expect(run.status == 64, "\(executable) \(arguments): status \(run.status), \(run.standardError)")
        #expect(run.standardError.contains(message), "\(run.standardError)")
        #expect(run.standardOutput.isEmpty, "\(executable) started work: \(run.standardOutput)")
    }

    /// A window without an input, or a split before the first window's target, is refused by every
    /// section that takes them, before it reads any data.
    @Test(arguments: [
        "ch11-cnn", "ch11-giss-rnn", "ch11-cet-rnn", "ch11-gru-lstm", "ch11-dropout", "ch11-bidirectional",
    ])
    func windowAndSplitAreCheckedBeforeTheDataIsRead(section: String) throws {
        let out = SectionRun.temporaryFolder("window-split")
        for (arguments, message) in [
            (["--window", "1"], "--window must be at least 2"),
            (["--split", "10"], "--split 10 leaves no training window"),
        ] {
            let run = try SectionRun.run(section, arguments + ["--quick", "--no-figures", "--out", out])
            #expect(run.status == 64, "\(section) \(arguments): status \(run.status), \(run.standardError)")
            #expect(run.standardError.contains(message), "\(section) \(arguments): \(run.standardError)")
            #expect(run.standardOutput.isEmpty, "\(section) read its data first: \(run.standardOutput)")
        }
    }

    /// A working folder whose chapter-runs list holds only the book's `ch11-conv`: any other command
    /// given no --out writes into its runs/ and says so.
    static func projectFolder() throws -> String {
        let folder = SectionRun.temporaryFolder("project")
        let figures = folder + "/figures"
        try FileManager.default.createDirectory(atPath: figures, withIntermediateDirectories: true)
        try "ch11-conv\n".write(toFile: figures + "/chapter-runs.txt", atomically: true, encoding: .utf8)
        return folder
    }

    /// A refused command says only why (the note on runs/ used to come out of option validation).
    @Test(arguments: [("ch11-cnn", ["--filters", "0"]), ("ch11-giss-rnn", ["--hidden", "0"])])
    func aRefusedCommandPrintsNothingElse(executable: String, arguments: [String]) throws {
        let run = try SectionRun.run(executable, arguments, directory: try Self.projectFolder())
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardOutput.isEmpty, "\(run.standardOutput)")
    }

    /// A run that writes into runs/ says so first thing, and writes there.
    @Test func theRunsNoteComesFirst() throws {
        let folder = try Self.projectFolder()
        let run = try SectionRun.run(
            "ch11-conv", ["--input", "1", "2", "3", "4", "--no-figures"],
            directory: folder)
        #expect(run.status == 0, "\(run.standardError)")
        let note = "Writing to runs/: figures/ keeps the chapter's own runs (`ch11-conv`)"
        #expect(run.standardOutput.hasPrefix(note), "\(run.standardOutput)")
        #expect(FileManager.default.fileExists(atPath: folder + "/runs/fig-11-01-sequence.gp"))
        let book = try SectionRun.run("ch11-conv", ["--no-figures"], directory: folder)
        #expect(!book.standardOutput.contains("Writing to"), "\(book.standardOutput)")
        #expect(FileManager.default.fileExists(atPath: folder + "/figures/fig-11-01-sequence.gp"))
    }
}

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
}

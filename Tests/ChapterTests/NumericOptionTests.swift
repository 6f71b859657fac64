import Foundation
import Testing

/// Numbers a run cannot use are refused with a message and the usage status (64), never a crash:
/// non-finite values, values that are 0 or infinite in float32, models too large for the machine's memory.
@Suite struct NumericOptionTests {
    static func folder() -> String { SectionRun.temporaryFolder("numbers") }

    @Test(arguments: [
        ("ch11-conv", ["--input", "inf", "1", "2"], "--input: 'inf' is not a finite number"),
        ("ch11-conv", ["--input", "nan", "1", "2", "3"], "--input: 'nan' is not a finite number"),
        ("ch11-conv", ["--filter", "1", "-inf", "1"], "--filter: '-inf' is not a finite number"),
        ("ch11-conv", ["--input", "3e38", "3e38", "3e38", "--filter", "1", "1", "1"], "beyond float32"),
        ("ch11-cnn", ["--lr", "1e-50"], "--lr 1e-50 is 0 in float32"),
        ("ch11-cnn", ["--lr", "1e39"], "--lr 1e+39 is infinite in float32"),
        ("ch11-cnn", ["--lr", "nan"], "--lr must be a positive number, got nan"),
        ("ch11-cet-rnn", ["--dropout", "nan"], "--dropout must be in [0, 1), got nan"),
        ("ch11-cnn", ["--filters", "1000000000"], "--filters 1000000000"),
        ("ch11-cnn", ["--kernel-size", "2000000000"], "--kernel-size 2000000000"),
        ("ch11-giss-rnn", ["--hidden", "100000000"], "--hidden 100000000"),
        ("ch11-cet-rnn", ["--hidden", "1000000000"], "--hidden 1000000000"),
        // A study's size is bounded, its seeds cannot wrap past the largest, and a refusal says why.
        ("ch11-cnn", ["--seeds", "0"], "--seeds 0: a study needs at least one seed"),
        ("ch11-cnn", ["--seeds", "9223372036854775807"], "more seeds than the 1000 a study takes"),
        ("ch11-cnn", ["--seeds", "4611686018427387904"], "more seeds than the 1000 a study takes"),
        ("ch11-giss-rnn", ["--seeds", "100000000"], "more seeds than the 1000 a study takes"),
        ("ch11-cnn-search", ["--seeds", "100000000"], "more seeds than the 1000 a study takes"),
        ("ch11-cnn", ["--seeds", "99999999999999999999"], "more seeds than a study takes"),
        ("ch11-cnn", ["--seeds", "3", "--seed", "18446744073709551614"], "would pass the largest seed"),
        ("ch11-cnn", ["--seeds", "1,x"], "'x' is not a seed"),
    ])
    func refused(section: String, arguments: [String], message: String) throws {
        // ch11-conv trains nothing and has no --quick.
        let common = (section == "ch11-conv" ? [] : ["--quick"]) + ["--no-figures", "--out", Self.folder()]
        let run = try SectionRun.run(section, arguments + common, timeLimit: 120)
        #expect(run.status == 64, "\(section) \(arguments): status \(run.status), \(run.standardError)")
        #expect(run.standardError.contains(message), "\(section) \(arguments): \(run.standardError)")
    }

    /// The memory refusal says how much was asked for against what the machine has.
    @Test func aModelTooLargeForMemorySaysSo() throws {
        let run = try SectionRun.run(
            "ch11-cet-rnn",
            [
                "--quick", "--hidden", "1000000000", "--no-figures",
                "--out", Self.folder(),
            ], timeLimit: 120)
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.contains("of memory, more than this machine's"), "\(run.standardError)")
        #expect(!run.standardError.contains("epoch 1/"))
    }

    /// Large finite numbers are fine: they print without a crash.
    @Test func largeFiniteNumbersPrint() throws {
        let run = try SectionRun.run(
            "ch11-conv",
            [
                "--input", "1e20", "2", "3", "--filter", "1", "--no-figures",
                "--out", Self.folder(),
            ], timeLimit: 60)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("1e+20"), "\(run.standardOutput)")
    }
}

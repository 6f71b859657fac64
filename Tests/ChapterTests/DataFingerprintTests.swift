import CNNSearch
import Foundation
import Testing
import WorkbookData

/// Every run report names the data it was made from, so reports of different data cannot be mixed up.
@Suite struct DataFingerprintTests {
    func fingerprint(_ section: String, _ arguments: [String], report: String) throws -> String? {
        let folder = SectionRun.temporaryFolder("fingerprint")
        let run = try SectionRun.run(section, arguments + ["--epochs", "1", "--no-figures", "--out", folder])
        #expect(run.status == 0, "\(run.standardError)")
        let settings = try RunReport.read(from: "\(folder)/\(report).metrics.json").settings
        guard case .string(let value)? = settings["data_fingerprint"] else { return nil }
        return value
    }

    @Test func reportsRecordTheirData() throws {
        let cet = try #require(try fingerprint("ch11-cet-rnn", ["--quick"], report: "ch11-cet-rnn"))
        #expect(cet.count == 64 && cet.allSatisfy(\.isHexDigit), "\(cet)")
        // Same data, same fingerprint (another seed does not change the data); other data, another one.
        #expect(try fingerprint("ch11-cet-rnn", ["--quick", "--seed", "7"], report: "ch11-cet-rnn") == cet)
        #expect(
            try fingerprint("ch11-cet-rnn", ["--quick", "--days", "2500"], report: "ch11-cet-rnn") != cet)
        let giss = try #require(try fingerprint("ch11-giss-rnn", ["--quick"], report: "ch11-giss-rnn"))
        let cnn = try #require(try fingerprint("ch11-cnn", ["--quick"], report: "ch11-cnn"))
        #expect(Set([cet, giss, cnn]).count == 3)
    }

    /// The search's results and report carry the fingerprint every other report does: the search and
    /// ch11-cnn train on the same windows, so theirs agree (the search used to hash them its own way).
    @Test func theSearchRecordsTheSameFingerprint() throws {
        let cnn = try #require(try fingerprint("ch11-cnn", ["--quick"], report: "ch11-cnn"))
        let folder = SectionRun.temporaryFolder("fingerprint-search")
        let run = try SectionRun.run(
            "ch11-cnn-search",
            ["--quick", "--epochs", "1", "--no-figures", "--out", folder])
        #expect(run.status == 0, "\(run.standardError)")
        let report = try JSONDecoder().decode(
            SearchReport.self,
            from: Data(
                contentsOf: URL(
                    fileURLWithPath: folder + "/" + SearchReport.fileName)))
        #expect(report.data == cnn)
    }
}

import Foundation
import Testing
import WorkbookData

/// 11.6's GRU with dropout is 11.5's GRU: run after `ch11-gru-lstm` in the same folder, `ch11-dropout`
/// takes that finished run over instead of training it again, and its report is the one a fresh run
/// writes, bit for bit. A run of other settings in the folder is not taken.
@Suite struct SharedRunTests {
    func quick(_ section: String, _ arguments: [String], in folder: String) throws -> SectionRun {
        let run = try SectionRun.run(
            section,
            ["--quick", "--epochs", "2", "--no-figures", "--no-progress", "--out", folder] + arguments)
        #expect(run.status == 0, "\(run.standardError)")
        return run
    }

    /// A report's numbers, wall times and where its training came from aside.
    func numbers(_ path: String) throws -> NSDictionary {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return object.filter { !$0.key.hasPrefix("seconds") && $0.key != "reused_from" } as NSDictionary
    }

    @Test func dropoutTakesOverTheGRURun() throws {
        let shared = SectionRun.temporaryFolder("shared-run")
        let alone = SectionRun.temporaryFolder("shared-run-alone")
        defer { for folder in [shared, alone] { try? FileManager.default.removeItem(atPath: folder) } }
        _ = try quick("ch11-gru-lstm", ["--model", "gru"], in: shared)
        let taken = try quick("ch11-dropout", ["--no-baseline"], in: shared)
        #expect(taken.standardOutput.contains("Taking this model from ch11-gru-lstm-gru's finished run"))
        let report = try RunReport.read(from: "\(shared)/ch11-dropout.metrics.json")
        #expect(report.reusedFrom == "ch11-gru-lstm-gru")

        let trained = try quick("ch11-dropout", ["--no-baseline"], in: alone)
        #expect(!trained.standardOutput.contains("Taking this model"))
        #expect(try RunReport.read(from: "\(alone)/ch11-dropout.metrics.json").reusedFrom == nil)
        #expect(
            try numbers("\(shared)/ch11-dropout.metrics.json")
                == numbers("\(alone)/ch11-dropout.metrics.json"))
    }

    @Test func otherSettingsOrNoReuseTrainAgain() throws {
        let folder = SectionRun.temporaryFolder("shared-run-other")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try quick("ch11-gru-lstm", ["--model", "gru", "--hidden", "20"], in: folder)
        let other = try quick("ch11-dropout", ["--no-baseline"], in: folder)
        #expect(!other.standardOutput.contains("Taking this model"))
        _ = try quick("ch11-gru-lstm", ["--model", "gru"], in: folder)
        let refused = try quick("ch11-dropout", ["--no-baseline", "--no-reuse"], in: folder)
        #expect(!refused.standardOutput.contains("Taking this model"))
        #expect(try RunReport.read(from: "\(folder)/ch11-dropout.metrics.json").reusedFrom == nil)
    }
}

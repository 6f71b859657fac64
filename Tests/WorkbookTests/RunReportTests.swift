import Foundation
import SequenceNet
import Testing
import Workbook

@Suite struct RunReportTests {
    @Test func writesAtomicallyAndReadsBack() throws {
        var history = TrainingHistory()
        history.trainLoss = [3, 2]
        history.validationLoss = [4, 3.5]
        history.bestEpoch = 2
        history.trainingSeconds = 1
        let report = RunReport(section: "ch11-test", seed: 42, settings: ["window": 30, "lr": 1e-4],
                               parameters: 10, history: history, valMAE: 1.25, secondsTotal: 2)
        let folder = temporaryFolder("report-test")
        let path = try report.write(toFolder: folder)
        #expect(path.hasSuffix("ch11-test.metrics.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["ch11-test.metrics.json"])
        #expect(try RunReport.read(from: path) == report)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        for key in ["section", "seed", "epochs", "settings", "train_loss", "val_loss", "val_mae",
                    "seconds_total", "seconds_per_epoch"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["seconds_per_epoch"] as? Double == 0.5)
    }

    @Test func unwritableFolderIsAnError() {
        #expect(throws: WorkbookError.self) { try AtomicFile.write("x", to: "/proc/no-such-folder/file") }
    }
}

import Foundation
import SequenceNet
import Testing
@testable import WorkbookData

@Suite struct RunReportTests {
    @Test func writesAtomicallyAndReadsBack() throws {
        var history = TrainingHistory()
        history.trainLoss = [3, 2]
        history.validationLoss = [4, 3.5]
        history.bestEpoch = 2
        history.trainingSeconds = 1
        let report = try RunReport(
            section: "ch11-test", seed: 42, settings: ["window": 30, "lr": 1e-4],
            parameters: 10, history: history, valMAE: 1.25, secondsTotal: 2)
        let folder = temporaryFolder("report-test")
        let path = try report.write(toFolder: folder)
        #expect(path.hasSuffix("ch11-test.metrics.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["ch11-test.metrics.json"])
        #expect(try RunReport.read(from: path) == report)
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
            as! [String: Any]
        for key in [
            "section", "seed", "epochs", "settings", "train_loss", "val_loss", "val_mae",
            "seconds_total", "seconds_per_epoch",
        ] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["seconds_per_epoch"] as? Double == 0.5)
    }

    @Test func unwritableFolderIsAnError() {
        #expect(throws: WorkbookError.self) { try AtomicFile.write("x", to: "/proc/no-such-folder/file") }
    }

    static let cet = CETSettings(
        training: .init(
            model: "rnn", layout: "book", window: 60, split: 80_000, hidden: 100,
            dropout: Double(Float(0.1)), recurrentDropout: 0, learningRate: 5e-4, batchSize: 128,
            days: 91_502, validationWindows: 11_502),
        epochsRequested: 100, dataFingerprint: "abc", splitUsed: 80_000)

    /// The report's `settings` object keeps the keys and values the chapters quote.
    @Test func cetSettingsAreOneFlatObjectUnderTheReportsKeys() throws {
        let expected: [String: SettingValue] = [
            "model": "rnn", "layout": "book", "window": 60, "split": 80_000, "hidden": 100,
            "dropout": 0.10000000149011612, "recurrent_dropout": 0, "learning_rate": 0.0005,
            "batch_size": 128, "days": 91_502, "validation_windows": 11_502, "epochs_requested": 100,
            "data_fingerprint": "abc", "split_used": 80_000,
        ]
        #expect(try SettingValue.object(Self.cet) == expected)
        #expect(try JSONDecoder().decode(CETSettings.self, from: JSONEncoder().encode(Self.cet)) == Self.cet)
    }

    /// The checkpoint's fingerprint is the line checkpoints already on disk hold: they stay resumable.
    @Test func checkpointFingerprintKeepsItsFormat() throws {
        #expect(
            try CheckpointFile.fingerprint(seed: 42, settings: Self.cet.training) == "seed 42 "
                + #"{"batch_size":128,"days":91502,"dropout":0.10000000149011612,"#
                + #""hidden":100,"layout":"book","#
                + #""learning_rate":0.0005,"model":"rnn","recurrent_dropout":0,"split":80000,"#
                + #""validation_windows":11502,"window":60}"#)
    }

    @Test func aRefusedCheckpointNamesWhatDiffers() throws {
        var other = Self.cet.training
        other.dropout = Double(Float(0.2))
        other.layout = "sequence"
        let theirs = try CheckpointFile.fingerprint(seed: 7, settings: Self.cet.training)
        let ours = try CheckpointFile.fingerprint(seed: 42, settings: other)
        #expect(
            CheckpointFile.differences(theirs, ours) == "\n  seed: 7 in the checkpoint, 42 now"
                + "\n  dropout: 0.1 in the checkpoint, 0.2 now"
                + "\n  layout: book in the checkpoint, sequence now")
    }
}

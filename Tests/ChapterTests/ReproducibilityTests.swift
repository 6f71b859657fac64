import Foundation
import SequenceNet
import Testing
import WorkbookData

/// The pages' promise, proved on whatever machine runs the tests: the chapter's CNN, run here, gives
/// the committed report's numbers to the last bit. Five epochs take a second and already differ on a
/// path other than the pinned one (oneDNN's AVX-512 kernels sum in other blocks).
@Suite struct ReproducibilityTests {
    @Test func fiveEpochsOfTheCNNAreTheChaptersFirstFive() throws {
        let root = ChapterSyncTests.packageRoot.path
        let folder = SectionRun.temporaryFolder("ch11-cnn-five")
        let run = try SectionRun.run(
            "ch11-cnn", ["--epochs", "5", "--out", folder, "--no-figures", "--no-progress"], directory: root)
        #expect(run.status == 0, "\(run.standardError)")
        let ours = try RunReport.read(from: folder + "/ch11-cnn.metrics.json")
        let chapter = try RunReport.read(from: root + "/figures/ch11-cnn.metrics.json")
        let paths =
            "here \(ours.productPath?.description ?? "?"), the chapter's run "
            + (chapter.productPath?.description ?? "?")
        #expect(ours.productPath == ProductPath.current)
        #expect(
            ours.trainLoss.map(\.bitPattern) == chapter.trainLoss.prefix(5).map(\.bitPattern),
            "training losses differ; products ran \(paths)")
        #expect(
            ours.valLoss.map(\.bitPattern) == chapter.valLoss.prefix(5).map(\.bitPattern),
            "validation losses differ; products ran \(paths)")
        #expect(
            run.standardOutput.contains(
                "The same as the chapter's run (figures/ch11-cnn.metrics.json) to the last bit, over the 5 "
                    + "epochs both ran."))
    }
}

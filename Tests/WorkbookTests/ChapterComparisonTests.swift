import Foundation
import SequenceNet
import Testing

@testable import WorkbookData

/// The line a run ends with: the same as the chapter's run to the last bit, or where the two part.
@Suite struct ChapterComparisonTests {
    static let chapter: RunReport = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try! RunReport.read(from: root.path + "/figures/ch11-cnn.metrics.json")
    }()
    let path = "figures/ch11-cnn.metrics.json"

    @Test func theSameRunIsTheSameToTheLastBit() {
        let line = ChapterComparison.line(Self.chapter, against: Self.chapter, chapterPath: path)
        #expect(
            line
                == "The same as the chapter's run (\(path)) to the last bit: "
                + "1000 epochs of losses and the MAE " + fixed(Self.chapter.valMAE, 4) + ".")
    }

    @Test func aShorterRunIsComparedOverItsEpochs() throws {
        var short = Self.chapter
        short.trainLoss = Array(short.trainLoss.prefix(5))
        short.valLoss = Array(short.valLoss.prefix(5))
        short.epochs = 5
        short.settings["epochs_requested"] = .int(5)
        let line = ChapterComparison.line(short, against: Self.chapter, chapterPath: path)
        #expect(
            line == "The same as the chapter's run (\(path)) to the last bit, over the 5 epochs both ran.")
    }

    @Test func aLastBitDifferenceIsFoundWithTheProductPaths() {
        var other = Self.chapter
        other.valLoss[6] = Float(bitPattern: other.valLoss[6].bitPattern + 1)
        other.productPath = ProductPath(
            library: "oneDNN", version: "2.6.3", isa: "avx512_core", threadsPerProduct: 1)
        let line = ChapterComparison.line(other, against: Self.chapter, chapterPath: path) ?? ""
        #expect(
            line.hasPrefix("Differs from the chapter's run (\(path)) from epoch 7: its validation loss is"))
        #expect(line.contains("Products here: oneDNN 2.6.3, AVX512_CORE kernels"))
    }

    @Test func anotherSeedOrSettingIsNotCompared() {
        var other = Self.chapter
        other.seed = 43
        #expect(ChapterComparison.line(other, against: Self.chapter, chapterPath: path) == nil)
        other = Self.chapter
        other.settings["window"] = .int(20)
        #expect(ChapterComparison.line(other, against: Self.chapter, chapterPath: path) == nil)
    }
}

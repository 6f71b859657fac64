import SequenceNet
import Testing
import WorkbookData

@Suite struct WindowTests {
    @Test func bookCountsForWindow30() throws {
        let windows = try WindowedSeries(series: SyntheticSeries.make(), windowSize: 30)
        #expect(windows.count == 1432 && windows.featureCount == 29)
        let split = try BookSplit(windows, split: 1000, exampleShape: [1, 29])
        #expect(split.train.count == 971 && split.validation.count == 461)
        #expect(split.validationTargetIndices.first == 1000 && split.validationTargetIndices.last == 1460)
    }

    @Test func windowsHoldFeaturesThenTarget() throws {
        let series = (0..<10).map(Float.init)
        let windows = try WindowedSeries(series: series, windowSize: 4)
        #expect(windows.count == 7)
        #expect(Array(windows.features[0..<3]) == [0, 1, 2] && windows.targets[0] == 3)
        #expect(Array(windows.features[18..<21]) == [6, 7, 8] && windows.targets[6] == 9)
        let split = try BookSplit(windows, split: 6, exampleShape: [3])
        // Training targets are the values before index 6; validation starts with target 6.
        #expect(split.train.targets == [3, 4, 5] && split.validation.targets == [6, 7, 8, 9])
        #expect(Array(split.validation.features[0..<3]) == [3, 4, 5])
    }

    @Test func impossibleWindowsAreRefused() {
        #expect(throws: WorkbookError.self) { try WindowedSeries(series: [1, 2, 3], windowSize: 4) }
        #expect(throws: WorkbookError.self) { try WindowedSeries(series: [1, 2, 3], windowSize: 1) }
        #expect(throws: WorkbookError.self) {
            try BookSplit(
                try WindowedSeries(series: (0..<10).map(Float.init), windowSize: 4), split: 20,
                exampleShape: [3])
        }
    }

    @Test func meanAbsoluteErrorIsTheMeanOfDistances() {
        #expect(meanAbsoluteError([1, 2, 3], [2, 2, 1]) == 1)
    }

    /// "Tomorrow as today": each window's forecast is its last value, in either layout.
    @Test(arguments: [[1, 3], [3, 1]])
    func persistenceForecastIsTheLastValueOfEachWindow(shape: [Int]) throws {
        let series: [Float] = [0, 1, 4, 9, 16, 25, 36]
        let split = try BookSplit(
            try WindowedSeries(series: series, windowSize: 4), split: 5, exampleShape: shape)
        #expect(split.validation.targets == [25, 36])
        #expect(persistenceForecast(split.validation) == [16, 25])
    }
}

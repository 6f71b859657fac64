import SequenceNet

/// A series cut into overlapping windows, as the book's `unfold(0, window, 1)`: each window's first
/// `window - 1` values are the features and its last value is the target.
public struct WindowedSeries {
    public let windowSize: Int
    /// [N, window - 1]
    public let features: [Float]
    /// [N]
    public let targets: [Float]

    public var featureCount: Int { windowSize - 1 }
    public var count: Int { targets.count }

    public init(series: [Float], windowSize: Int) throws {
        guard windowSize >= 2 else {
            throw WorkbookError.invalid("the window must hold at least 2 values, got \(windowSize)")
        }
        guard windowSize <= series.count else {
            throw WorkbookError.invalid(
                "the window (\(windowSize)) is longer than the series (\(series.count) values)")
        }
        self.windowSize = windowSize
        // snippet.windows
        // series.unfold(0, window, 1): a window starts at every index that leaves room for it.
        let n = series.count - windowSize + 1
        var features = [Float]()
        features.reserveCapacity(n * (windowSize - 1))
        // windows[:, :-1], one row after another
        for start in 0..<n { features.append(contentsOf: series[start..<start + windowSize - 1]) }
        self.features = features
        // windows[:, -1]: the value after each window's features
        targets = Array(series[(windowSize - 1)...])
        // snippet.end
    }

    /// The series index of window `i`'s target.
    public func targetIndex(ofWindow i: Int) -> Int { i + windowSize - 1 }
}

/// The book's split: the first `split - window + 1` windows train (their targets all lie before
/// `split`), the rest validate.
public struct BookSplit: Sendable {
    public let train: Dataset
    public let validation: Dataset
    /// The series index of each validation target, for plotting against the real time axis.
    public let validationTargetIndices: [Int]

    public init(_ windows: WindowedSeries, split: Int, exampleShape: [Int]) throws {
        // snippet.split
        // train_size = split - window + 1: the windows whose targets lie before `split`.
        let trainCount = split - windows.windowSize + 1
        guard trainCount > 0, trainCount < windows.count else {
            throw WorkbookError.invalid(
                "split \(split) leaves no training or no validation windows "
                    + "for window \(windows.windowSize) and \(windows.count) windows")
        }
        let f = windows.featureCount
        train = Dataset(
            features: Array(windows.features[..<(trainCount * f)]),
            targets: Array(windows.targets[..<trainCount]), exampleShape: exampleShape)
        validation = Dataset(
            features: Array(windows.features[(trainCount * f)...]),
            targets: Array(windows.targets[trainCount...]), exampleShape: exampleShape)
        // snippet.end
        validationTargetIndices = (trainCount..<windows.count).map(windows.targetIndex(ofWindow:))
    }
}

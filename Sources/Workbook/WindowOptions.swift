import ArgumentParser
import WorkbookData
import WorkbookFigures

/// The checks of `--window` and `--split` that need no data, made before a section reads any: a window
/// holds at least one feature and its target, and the split leaves at least one training window (the
/// first window's target is at index window - 1, so the split must be at least the window).
public enum WindowOptions {
    public static func check(window: Int, split: Int) throws {
        guard window >= 2 else {
            throw ValidationError("--window must be at least 2 (one input and the target), got \(window)")
        }
        guard split >= window else {
            throw ValidationError(
                "--split \(split) leaves no training window for --window \(window): the first window's "
                    + "target is value \(window - 1), so the split must be at least \(window)")
        }
    }
}

/// `--layout book` or `--layout sequence`.
extension SequenceLayout: ExpressibleByArgument {}

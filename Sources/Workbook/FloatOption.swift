import ArgumentParser
import WorkbookData
import WorkbookFigures

/// Checks for numeric options that the model uses in float32: a value must stay what it says there.
public enum FloatOption {
    /// Refuses a value that is not finite, or that float32 turns into 0 or infinity (`--lr 1e-50` is
    /// 0 in Float: Adam would silently not move).
    public static func check(_ value: Double, option: String) throws {
        guard value.isFinite else { throw ValidationError("\(option): '\(value)' is not a finite number") }
        let single = Float(value)
        if value != 0 && single == 0 {
            throw ValidationError(
                "\(option) \(value) is 0 in float32 (the smallest is about 1.4e-45); "
                    + "give a larger value")
        }
        if single.isInfinite {
            throw ValidationError(
                "\(option) \(value) is infinite in float32 (the largest is about 3.4e38); "
                    + "give a smaller value")
        }
    }

    /// Refuses non-finite values in a list option such as `--input 1 inf 3`.
    public static func checkFinite(_ values: [Float], option: String) throws {
        if let bad = values.first(where: { !$0.isFinite }) {
            throw ValidationError("\(option): '\(bad)' is not a finite number")
        }
    }
}

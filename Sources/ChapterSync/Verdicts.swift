import Foundation

/// A claim's verdict, computed from the study reports instead of typed, so that it follows the data
/// when the studies are rerun:
///
///     <!-- verdict: figures/a.study.json#measures.val_mae < figures/b.study.json#measures.val_mae -->*holds*<!-- /verdict -->
///
/// says the claim is "a is lower than b". Each side is a study measure (an object with `min` and
/// `max` over the seeds), a single number in a report, or a literal number. The verdict is *holds*
/// when the two ranges are apart and point the claim's way, *does not hold* when they are apart and
/// point the other way, and *within the seed spread* when they overlap (touching counts as overlap).
enum Verdicts {
    enum Verdict: String, CaseIterable {
        case holds = "*holds*"
        case doesNotHold = "*does not hold*"
        case withinSpread = "*within the seed spread*"
    }

    /// The lowest and highest value over the seeds (equal for a single number).
    struct Range: Equatable {
        let low: Double
        let high: Double
    }

    /// The verdict on "left is lower than right" (`lower`) or "left is higher than right".
    static func verdict(left: Range, right: Range, claimsLower: Bool) -> Verdict {
        let leftBelow = left.high < right.low, leftAbove = left.low > right.high
        guard leftBelow || leftAbove else { return .withinSpread }
        return leftBelow == claimsLower ? .holds : .doesNotHold
    }

    /// The comparison a verdict comment states: `SIDE < SIDE` or `SIDE > SIDE`.
    struct Comparison {
        let left: String
        let right: String
        let claimsLower: Bool

        init?(_ spec: String) {
            let words = spec.split(separator: " ").map(String.init)
            guard words.count == 3, words[1] == "<" || words[1] == ">" else { return nil }
            left = words[0]
            right = words[2]
            claimsLower = words[1] == "<"
        }
    }

    /// The range a side names: a literal number, or `PATH#KEY` read through `lookup` (which returns
    /// the JSON value at that key, or nil).
    static func range(of side: String, lookup: (String, String) -> Any?) -> Range? {
        if let number = Double(side) { return Range(low: number, high: number) }
        let parts = side.split(separator: "#", maxSplits: 1).map(String.init)
        guard parts.count == 2, let value = lookup(parts[0], parts[1]) else { return nil }
        if let measure = value as? [String: Any], let low = measure["min"] as? NSNumber,
            let high = measure["max"] as? NSNumber
        {
            return Range(low: low.doubleValue, high: high.doubleValue)
        }
        if let number = value as? NSNumber, !(value is Bool) {
            return Range(low: number.doubleValue, high: number.doubleValue)
        }
        return nil
    }
}

/// A comparison as a page shows it (see `Verdicts`): numbers with a fixed count of decimals, the
/// probability with two, intervals as "(low to high)".
struct Cells {
    let comparison: SeedComparison
    let rangeRule: Verdicts.RangeRule
    let decimals: Int

    init(_ comparison: SeedComparison, rangeRule: Verdicts.RangeRule, decimals: Int) {
        (self.comparison, self.rangeRule, self.decimals) = (comparison, rangeRule, decimals)
    }

    func text(_ field: Verdicts.Field) -> String {
        let c = comparison
        switch field {
        case .meanA: return number(c.meanA)
        case .meanB: return number(c.meanB)
        case .difference: return "\(number(c.difference)) (\(number(c.low)) to \(number(c.high)))"
        case .probability:
            return
                "\(fixed(c.probability, 2)) (\(fixed(c.probabilityLow, 2)) to \(fixed(c.probabilityHigh, 2)))"
        case .count: return "\(c.favourable) of \(c.comparisons) \(c.countsPairs ? "pairs of runs" : "seeds")"
        case .verdict: return c.verdict.rawValue
        case .detectable: return number(c.detectable)
        case .row:
            // Where the rule the pages used before comes to another verdict, the row says so (its
            // "within the seed spread" is the interval's "not shown" in other words).
            let same =
                rangeRule.rawValue == c.verdict.rawValue
                || (rangeRule == .withinSpread && c.verdict == .notShown)
            let before = same ? "" : " (range rule: \(rangeRule.rawValue))"
            let cells: [Verdicts.Field] = [.meanA, .meanB, .difference, .probability, .count]
            return " " + cells.map(text).joined(separator: " | ") + " | \(c.verdict.rawValue)\(before) | "
                + text(.detectable)
        }
    }

    func number(_ value: Double) -> String { fixed(value, decimals) }

    /// `value` with `digits` decimals and thousands separators; never "-0.00".
    func fixed(_ value: Double, _ digits: Int) -> String {
        let text = ReportValues.format(value, decimals: digits)
        return text.hasPrefix("-") && text.allSatisfy({ "-0.,".contains($0) })
            ? String(text.dropFirst()) : text
    }
}

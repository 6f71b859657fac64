/// A comparison as a page shows it (see `Verdicts`): numbers with a fixed count of decimals, the
/// probability with two, intervals as "(low to high)".
struct Cells {
    let comparison: SeedComparison
    /// What the page said with five seeds, by the range rule (`EarlierVerdicts`); nil for a new claim.
    let earlier: Verdicts.RangeRule?
    let decimals: Int

    init(_ comparison: SeedComparison, earlier: Verdicts.RangeRule?, decimals: Int) {
        (self.comparison, self.earlier, self.decimals) = (comparison, earlier, decimals)
    }

    func text(_ field: Verdicts.Field) -> String {
        let c = comparison
        switch field {
        case .meanA: return number(c.meanA)
        case .meanB: return number(c.meanB)
        case .difference: return "\(number(c.difference)) (\(bound(c.low)) to \(bound(c.high)))"
        case .probability:
            return
                "\(fixed(c.probability, 2)) (\(fixed(c.probabilityLow, 2)) to \(fixed(c.probabilityHigh, 2)))"
        case .count: return "\(c.favourable) of \(c.comparisons) \(c.countsPairs ? "pairs of runs" : "seeds")"
        case .verdict: return c.verdict.rawValue
        case .detectable: return number(c.detectable)
        case .row:
            // Where the page said otherwise with five seeds, the row says what it said.
            let changed = earlier.map { !$0.agrees(with: c.verdict) } ?? false
            let before = changed ? " (five seeds: \(earlier!.rawValue))" : ""
            let cells: [Verdicts.Field] = [.meanA, .meanB, .difference, .probability, .count]
            return " " + cells.map(text).joined(separator: " | ") + " | \(c.verdict.rawValue)\(before) | "
                + text(.detectable)
        }
    }

    func number(_ value: Double) -> String { fixed(value, decimals) }

    /// An interval's end, with more decimals where the usual ones would round it to zero: the verdict
    /// turns on which side of zero it lies, so "0.0000" must never stand for -0.00002.
    func bound(_ value: Double) -> String {
        var digits = decimals, text = fixed(value, digits)
        while value != 0, digits < 12, !text.contains(where: { "123456789".contains($0) }) {
            digits += 1
            text = fixed(value, digits)
        }
        return text
    }

    /// `value` with `digits` decimals and thousands separators; never "-0.00".
    func fixed(_ value: Double, _ digits: Int) -> String {
        let text = ReportValues.format(value, decimals: digits)
        return text.hasPrefix("-") && text.allSatisfy({ "-0.,".contains($0) })
            ? String(text.dropFirst()) : text
    }
}

import Foundation

/// A claim's verdict and the numbers behind it, computed from the study reports instead of typed, so
/// that they follow the data when the studies are rerun. A claim is `SIDE < SIDE` or `SIDE > SIDE`
/// ("A is lower than B"), each side a study measure (`PATH#KEY` naming an object with `values` per
/// seed, such as `figures/a.study.json#measures.val_mae`) or a literal number:
///
///     <!-- verdict: A < B -->*holds*<!-- /verdict -->
///
/// writes the verdict of `SeedComparison` (*holds*, *does not hold*, *not shown*), and
///
///     | claim <!-- comparison: A < B decimals=4 -->| mean A | ... | detectable<!-- /comparison --> |
///
/// writes a table row's cells after the first (`show=row`, the default): mean A, mean B, A − B with
/// its 95% interval, the probability of improvement with its interval, in how many seeds A wins, the
/// verdict (with the five seeds' verdict, where it differs: `EarlierVerdicts`) and the difference the
/// study could detect.
/// `show=FIELD` writes one of them alone, for prose (`Field`). A side whose study
/// `figures/chapter-studies.txt` lists but no one has run yet writes `pending` (see `PendingStudies`).
enum Verdicts {
    /// The words of the rule the pages used before the interval, on five seeds: *holds* only when the
    /// two ranges over the seeds were apart (`EarlierVerdicts`).
    enum RangeRule: String {
        case holds = "*holds*"
        case doesNotHold = "*does not hold*"
        case withinSpread = "*within the seed spread*"
    }

    static let pending = "*awaits its study*", missing = "—"

    /// Why a tag has no text.
    struct Problem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// What a comparison tag writes.
    enum Field: String, CaseIterable {
        case row, meanA = "mean-a", meanB = "mean-b", difference, probability, count, verdict, detectable
    }

    /// The spec of a verdict or comparison tag: the claim, then (comparison only) its options.
    struct Claim {
        let left: String
        let right: String
        let claimsLower: Bool
        var field = Field.row
        var decimals = 4

        /// nil with the reason when the spec is not `SIDE < SIDE` or `SIDE > SIDE` followed by
        /// the options a comparison takes.
        static func parse(_ spec: String, options allowed: Bool) -> Result<Claim, Problem> {
            let words = spec.split(separator: " ").map(String.init)
            guard words.count >= 3, words[1] == "<" || words[1] == ">" else {
                return .failure(Problem("must compare two sides with < or >, got \(spec)"))
            }
            var claim = Claim(left: words[0], right: words[2], claimsLower: words[1] == "<")
            for option in words.dropFirst(3) {
                if allowed, option.hasPrefix("show="),
                    let field = Field(rawValue: String(option.dropFirst(5)))
                {
                    claim.field = field
                } else if allowed, option.hasPrefix("decimals="), let n = Int(option.dropFirst(9)),
                    (0...12).contains(n)
                {
                    claim.decimals = n
                } else {
                    let takes =
                        allowed
                        ? "show=\(Field.allCases.map(\.rawValue).joined(separator: "|")) and decimals=N"
                        : "no options"
                    return .failure(Problem("unknown option \(option) in \(spec) (this tag takes \(takes))"))
                }
            }
            return .success(claim)
        }
    }

    /// One side as a sample: a literal number, or a study measure read through `document` (the parsed
    /// JSON of a path, nil when unreadable); `pending` says whether a missing file is a study not yet run.
    enum Side {
        case sample(SeedSample)
        case pending
    }

    static func side(_ text: String, document: (String) -> Any?, pending: (String) -> Bool)
        -> Result<Side, Problem>
    {
        if let number = Double(text) { return .success(.sample(SeedSample(threshold: number))) }
        let parts = text.split(separator: "#", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return .failure(Problem("\(text) is neither PATH#KEY nor a number")) }
        guard let json = document(parts[0]) else {
            return pending(parts[0])
                ? .success(.pending) : .failure(Problem("cannot read the run report \(parts[0])"))
        }
        guard let value = try? ReportValues.value(at: parts[1], in: json) else {
            return .failure(Problem("\(parts[0]) has nothing at \(parts[1])"))
        }
        guard let measure = value as? [String: Any], let numbers = measure["values"] as? [NSNumber],
            numbers.count >= 2
        else {
            return .failure(
                Problem(
                    "\(text) is not a study measure of two or more seeds (an object with `values`): a "
                        + "verdict compares studies, or a study with a literal number"))
        }
        let values = numbers.map(\.doubleValue)
        let seeds = ((json as? [String: Any])?["seeds"] as? [NSNumber])?.map(\.uint64Value)
        // The runs are the file and, for the search's study, the entry: what comes before "measures.".
        let key = parts[1]
        let owner = key.range(of: "measures.", options: .backwards).map { String(key[..<$0.lowerBound]) }
        return .success(
            .sample(
                SeedSample(
                    values: values, seeds: seeds?.count == values.count ? seeds : nil,
                    runs: owner.map { parts[0] + "#" + $0 })))
    }

    /// The text a tag of `kind` ("verdict" or "comparison") with `spec` asks for, or why there is none.
    static func text(
        kind: String, spec: String, document: (String) -> Any?, pending: (String) -> Bool,
        earlier: EarlierVerdicts = EarlierVerdicts(document: nil)
    ) -> Result<String, Problem> {
        let claim: Claim
        switch Claim.parse(spec, options: kind == "comparison") {
        case .success(let parsed): claim = parsed
        case .failure(let problem): return .failure(Problem("\(kind) comment \(problem.message)"))
        }
        var samples: [SeedSample] = []
        for text in [claim.left, claim.right] {
            switch side(text, document: document, pending: pending) {
            case .failure(let problem): return .failure(problem)
            case .success(.pending):
                return .success(kind == "verdict" ? Self.pending : pendingText(claim.field))
            case .success(.sample(let sample)): samples.append(sample)
            }
        }
        do {
            let result = try SeedComparison(samples[0], samples[1], claimsLower: claim.claimsLower)
            if kind == "verdict" { return .success(result.verdict.rawValue) }
            return .success(
                Cells(result, earlier: earlier.verdict(on: claim), decimals: claim.decimals).text(claim.field)
            )
        } catch let refusal as SeedComparison.Refusal {
            return .failure(Problem("\(spec): \(refusal.reason)"))
        } catch {
            return .failure(Problem("\(spec): \(error)"))
        }
    }

    static func pendingText(_ field: Field) -> String {
        switch field {
        case .row: " \(missing) | \(missing) | \(missing) | \(missing) | \(missing) | \(pending) | \(missing)"
        case .verdict: pending
        default: missing
        }
    }
}

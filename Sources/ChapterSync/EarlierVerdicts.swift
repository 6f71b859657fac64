/// The verdicts the pages gave before the ten-seed studies: five seeds judged by the range rule, read
/// out of the pages of the last five-seed commit by `Tools/five_seed_verdicts.py` into
/// `figures/five-seed-verdicts.json`. A comparison row whose ten-seed verdict says something else names
/// what the five seeds said, so that a reader who saw the old page learns the verdict changed.
struct EarlierVerdicts {
    static let path = "figures/five-seed-verdicts.json"

    private let byClaim: [String: Verdicts.RangeRule]

    /// From the parsed file; none at all when there is no file (a claim then has no earlier verdict).
    init(document: Any?) {
        let claims = (document as? [String: Any])?["claims"] as? [String: Any] ?? [:]
        byClaim = claims.compactMapValues { entry in
            ((entry as? [String: Any])?["range_rule"] as? String).flatMap(Verdicts.RangeRule.init(rawValue:))
        }
    }

    /// The five seeds' verdict on `claim`, keyed as the tag writes it (`LEFT < RIGHT`).
    func verdict(on claim: Verdicts.Claim) -> Verdicts.RangeRule? {
        byClaim["\(claim.left) \(claim.claimsLower ? "<" : ">") \(claim.right)"]
    }
}

extension Verdicts.RangeRule {
    /// Whether the interval's verdict says the same: the range rule's "within the seed spread" is the
    /// interval's "not shown" in other words.
    func agrees(with verdict: SeedComparison.Verdict) -> Bool {
        rawValue == verdict.rawValue || (self == .withinSpread && verdict == .notShown)
    }
}

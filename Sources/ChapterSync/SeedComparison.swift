import Foundation

/// The comparison of two sides of a claim over the seeds of their studies, and the verdict on it.
///
/// The difference of the means gets a 95% interval from Student's t: Welch's interval when the
/// sides are different runs (its degrees of freedom follow each side's own spread, so a noisy
/// model cannot borrow a quiet one's), the paired interval on the per-seed differences when both
/// sides are measures of the same runs. Not a bootstrap: with five or ten seeds a percentile
/// bootstrap of the mean comes out too narrow (it cannot see past the values it has, and uses
/// the normal distribution's width where Student's is wider), so it would call a claim shown too
/// readily; the t-interval is exact for normal noise and close for the modest skew of seed spreads.
///
/// The probability of improvement (Agarwal et al., 2021) is the chance that a run of the side the
/// claim favours beats a run of the other (ties count half); its interval comes from a percentile
/// bootstrap over the seeds, resampled 10,000 times from SplitMix64 with a fixed seed, so that the
/// page is the same on every machine. It describes the comparison; the interval on the difference
/// decides it.
struct SeedComparison: Equatable {
    enum Verdict: String, CaseIterable {
        case holds = "*holds*"
        case doesNotHold = "*does not hold*"
        case notShown = "*not shown*"
    }

    let claimsLower: Bool
    let paired: Bool
    let meanA: Double
    let meanB: Double
    /// mean A − mean B (for paired sides also the mean of the per-seed differences).
    let difference: Double
    let low: Double
    let high: Double
    /// nil when neither side varies (the interval is then the difference itself).
    let degrees: Double?
    /// The smallest true difference the study would show (interval clear of zero) four times in
    /// five: (t₀.₉₇₅ + t₀.₈₀) × the difference's standard error.
    let detectable: Double
    /// P(a run of A beats a run of B in the claim's direction), and its bootstrap interval.
    let probability: Double
    let probabilityLow: Double
    let probabilityHigh: Double
    /// Seeds (or, for studies of different seeds, pairs of runs) where A beats B, strictly.
    let favourable: Int
    let comparisons: Int
    let countsPairs: Bool

    /// *holds* when the interval lies wholly on the claim's side of zero, *does not hold* when it
    /// lies wholly on the other, *not shown* when it takes in zero.
    var verdict: Verdict {
        if claimsLower ? high < 0 : low > 0 { return .holds }
        if claimsLower ? low > 0 : high < 0 { return .doesNotHold }
        return .notShown
    }

    /// The quantiles of t behind the 95% interval and the 80% power.
    static let intervalQuantile = 0.975, powerQuantile = 0.80
    static let resamples = 10_000
    static let resamplingSeed: UInt64 = 42

    /// Why two sides cannot be compared.
    struct Refusal: Error, Equatable { let reason: String }

    init(_ a: SeedSample, _ b: SeedSample, claimsLower: Bool) throws {
        if a.isThreshold && b.isThreshold {
            throw Refusal(reason: "both sides are numbers: a verdict needs a study on at least one side")
        }
        for side in [a, b] where !side.isThreshold && side.count < 2 {
            throw Refusal(reason: "a study of one seed has no spread to judge a difference by")
        }
        self.claimsLower = claimsLower
        paired = a.pairs(with: b)
        meanA = a.mean
        meanB = b.mean
        let (difference, error, degrees) = paired ? Self.pairedT(a, b) : Self.welch(a, b)
        self.difference = difference
        self.degrees = degrees
        if let degrees {
            let t = StudentT.quantile(Self.intervalQuantile, degrees: degrees)
            (low, high) = (difference - t * error, difference + t * error)
            detectable = (t + StudentT.quantile(Self.powerQuantile, degrees: degrees)) * error
        } else {
            (low, high, detectable) = (difference, difference, 0)
        }
        let improvement = Improvement(a, b, paired: paired, claimsLower: claimsLower)
        probability = improvement.probability
        (probabilityLow, probabilityHigh) = improvement.interval()
        (favourable, comparisons, countsPairs) = Self.counts(a, b, paired: paired, claimsLower: claimsLower)
    }

    /// Welch: the difference of the means, its standard error from each side's own variance, and the
    /// Welch-Satterthwaite degrees of freedom (a threshold adds nothing to either).
    static func welch(_ a: SeedSample, _ b: SeedSample) -> (Double, Double, Double?) {
        let terms = [a, b].map { $0.isThreshold ? 0 : $0.variance / Double($0.count) }
        let error = (terms[0] + terms[1]).squareRoot()
        guard error > 0 else { return (a.mean - b.mean, 0, nil) }
        var denominator = 0.0
        for (term, side) in zip(terms, [a, b]) where !side.isThreshold {
            denominator += term * term / Double(side.count - 1)
        }
        let total = terms[0] + terms[1]
        return (a.mean - b.mean, error, total * total / denominator)
    }

    /// Paired: the mean of the per-seed differences, its standard error and n − 1 degrees of freedom.
    static func pairedT(_ a: SeedSample, _ b: SeedSample) -> (Double, Double, Double?) {
        let differences = SeedSample(values: zip(a.values, b.values).map { $0 - $1 })
        let error = (differences.variance / Double(differences.count)).squareRoot()
        return (differences.mean, error, error > 0 ? Double(differences.count - 1) : nil)
    }

    /// In how many seeds A beats B: seed by seed when both studies ran the same seeds (or one side is
    /// a threshold), else over every pair of runs.
    static func counts(_ a: SeedSample, _ b: SeedSample, paired: Bool, claimsLower: Bool)
        -> (Int, Int, Bool)
    {
        let beats = { (x: Double, y: Double) in claimsLower ? x < y : x > y }
        if b.isThreshold { return (a.values.filter { beats($0, b.values[0]) }.count, a.count, false) }
        if a.isThreshold { return (b.values.filter { beats(a.values[0], $0) }.count, b.count, false) }
        if paired { return (zip(a.values, b.values).filter(beats).count, a.count, false) }
        if let seedsA = a.seeds, let seedsB = b.seeds, Set(seedsA) == Set(seedsB), seedsA.count == a.count,
            Set(seedsA).count == seedsA.count, seedsB.count == b.count
        {
            let valueB = Dictionary(uniqueKeysWithValues: zip(seedsB, b.values))
            return (zip(seedsA, a.values).filter { beats($1, valueB[$0]!) }.count, a.count, false)
        }
        let wins = a.values.reduce(0) { total, x in total + b.values.filter { beats(x, $0) }.count }
        return (wins, a.count * b.count, true)
    }
}

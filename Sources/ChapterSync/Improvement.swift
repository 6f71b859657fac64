/// The probability of improvement and its percentile bootstrap (see `SeedComparison`).
struct Improvement {
    let a: SeedSample
    let b: SeedSample
    let paired: Bool
    let claimsLower: Bool

    init(_ a: SeedSample, _ b: SeedSample, paired: Bool, claimsLower: Bool) {
        (self.a, self.b, self.paired, self.claimsLower) = (a, b, paired, claimsLower)
    }

    /// P(a run of A beats a run of B), ties counting half: over every pair of values, or seed by seed
    /// when paired. Counted in halves, so the one division is exact to the last bit.
    var probability: Double { Self.probability(a.values, b.values, paired: paired, claimsLower: claimsLower) }

    static func probability(_ a: [Double], _ b: [Double], paired: Bool, claimsLower: Bool) -> Double {
        var halves = 0
        func score(_ x: Double, _ y: Double) {
            if x == y {
                halves += 1
            } else if claimsLower ? x < y : x > y {
                halves += 2
            }
        }
        if paired {
            for (x, y) in zip(a, b) { score(x, y) }
            return Double(halves) / Double(2 * a.count)
        }
        for x in a { for y in b { score(x, y) } }
        return Double(halves) / Double(2 * a.count * b.count)
    }

    /// The 2.5th and 97.5th percentiles (ranks ⌈0.025 R⌉ and ⌈0.975 R⌉ of R resamples) of the
    /// probability over resamples of the seeds: each resample draws n seeds with replacement (paired:
    /// one draw picks both sides' values of a seed; otherwise each study is drawn on its own, A first;
    /// a threshold is not drawn).
    func interval() -> (Double, Double) {
        var random = SplitMix64(seed: SeedComparison.resamplingSeed)
        let count = SeedComparison.resamples
        var estimates: [Double] = []
        estimates.reserveCapacity(count)
        for _ in 0..<count {
            var x = a.values, y = b.values
            if paired {
                for i in 0..<x.count {
                    let j = random.index(below: x.count)
                    (x[i], y[i]) = (a.values[j], b.values[j])
                }
            } else {
                if !a.isThreshold { for i in 0..<x.count { x[i] = a.values[random.index(below: x.count)] } }
                if !b.isThreshold { for i in 0..<y.count { y[i] = b.values[random.index(below: y.count)] } }
            }
            estimates.append(Self.probability(x, y, paired: paired, claimsLower: claimsLower))
        }
        estimates.sort()
        // Ranks in whole numbers: (1 - 0.95) / 2 in doubles is a hair above 0.025.
        let lowRank = (count * 25 + 999) / 1000, highRank = (count * 975 + 999) / 1000
        return (estimates[lowRank - 1], estimates[highRank - 1])
    }
}

/// One side of a claim: a study measure's values, one per seed, or a literal threshold.
struct SeedSample: Equatable {
    /// One value per seed (a single value for a threshold).
    let values: [Double]
    /// The study's seeds in the order of `values`, when the file names them.
    let seeds: [UInt64]?
    /// A literal number such as the 500 of "before epoch 500": no spread of its own.
    let isThreshold: Bool
    /// The runs the values came from (the study file, and the entry within it for the search's study):
    /// two measures of the same runs are compared seed by seed.
    let runs: String?

    init(values: [Double], seeds: [UInt64]? = nil, runs: String? = nil) {
        self.values = values
        self.seeds = seeds
        self.runs = runs
        isThreshold = false
    }

    init(threshold: Double) {
        values = [threshold]
        seeds = nil
        runs = nil
        isThreshold = true
    }

    var count: Int { values.count }
    /// The mean, summed from the first value to the last.
    var mean: Double { values.reduce(0, +) / Double(values.count) }
    /// The sample variance (divided by n - 1).
    var variance: Double {
        let mean = mean
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    }

    /// Whether `other` holds the same runs' values of another measure: then each seed's two values
    /// come from one trained model, and their difference is what varies.
    func pairs(with other: SeedSample) -> Bool {
        runs != nil && runs == other.runs && count == other.count && seeds == other.seeds
    }
}

/// The seeds a study's parts hold, checked to make one study: no seed in two parts, none missing.
public enum StudySeeds {
    /// The study's seeds in the order the merged study lists them: `expected` when given (each one held
    /// by some part, and no other), else the parts' seeds in ascending order, which must follow one
    /// another without a gap (as `--seeds N` counts them). `held` is each part's name and seeds.
    public static func merged(_ held: [(part: String, seeds: [UInt64])], expected: [UInt64]?) throws
        -> [UInt64]
    {
        var owner: [UInt64: String] = [:]
        for (part, seeds) in held {
            for seed in seeds {
                if let other = owner.updateValue(part, forKey: seed), other != part {
                    throw WorkbookError.invalid(
                        "seed \(seed) is in both \(other) and \(part): each seed of a study belongs in "
                            + "one part")
                }
            }
        }
        let found = owner.keys.sorted()
        guard let expected else {
            guard let first = found.first, let last = found.last else {
                throw WorkbookError.invalid("the parts hold no seeds")
            }
            let gaps = (first...last).filter { owner[$0] == nil }
            if !gaps.isEmpty {
                throw WorkbookError.invalid(
                    "no part holds seed\(gaps.count == 1 ? "" : "s") \(list(gaps)) (between \(first) and "
                        + "\(last)); to merge a study of other seeds, list them with --seeds")
            }
            return found
        }
        let missing = expected.filter { owner[$0] == nil }
        if !missing.isEmpty {
            throw WorkbookError.invalid("--seeds asks for \(list(missing)), which no part holds")
        }
        let extra = found.filter { !expected.contains($0) }
        if let seed = extra.first {
            throw WorkbookError.invalid(
                "\(owner[seed]!) holds seed\(extra.count == 1 ? "" : "s") \(list(extra)), which --seeds does "
                    + "not list")
        }
        return expected
    }

    static func list(_ seeds: [UInt64]) -> String { seeds.map(String.init).joined(separator: ", ") }
}

import ArgumentParser

/// `--seeds`: a number of seeds (that many, counting up from `--seed`) or a comma-separated list.
public struct SeedChoice: ExpressibleByArgument, Equatable, Sendable {
    public var count: Int?
    public var list: [UInt64]?

    public init?(argument: String) {
        if argument.contains(",") {
            let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
                .map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.allSatisfy({ $0 != nil }) else { return nil }
            list = parts.map { $0! }
        } else {
            guard let count = Int(argument), count >= 1 else { return nil }
            self.count = count
        }
    }

    public static var defaultValueDescription: String { "N or a,b,c" }

    /// The study's seeds: the list, or `count` seeds from `first` on.
    public func seeds(from first: UInt64) -> [UInt64] {
        list ?? (0..<UInt64(count ?? 1)).map { first &+ $0 }
    }

    /// Why these seeds cannot make a study (nil when they can).
    public var problem: String? {
        guard let list else { return nil }
        let repeated = Set(list.filter { seed in list.filter { $0 == seed }.count > 1 })
        return repeated.isEmpty
            ? nil
            : "--seeds lists \(repeated.sorted().map(String.init).joined(separator: ", ")) more than once"
    }
}

import ArgumentParser
import WorkbookData
import WorkbookFigures

/// `--seeds`: a number of seeds (that many, counting up from `--seed`) or a comma-separated list
/// (`44,` is a list of one).
///
/// A value that parses but cannot make a study (0, a count past `maximum`, a list with a repeat) is
/// kept with its reason, for `problem` to refuse with words rather than ArgumentParser's bare "invalid".
public struct SeedChoice: ExpressibleByArgument, Equatable, Sendable {
    public var count: Int?
    public var list: [UInt64]?
    /// Why the argument cannot make a study, whatever `--seed` is.
    private var invalid: String? = nil

    /// The most seeds a study takes: each is a whole training run (the chapter's studies use ten).
    public static let maximum = 1000

    public init?(argument: String) {
        let expected = "a count from 1 to \(Self.maximum) or a comma-separated list of seeds (0, 1, 2, ...)"
        if argument.contains(",") {
            var parts = argument.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            // "44," is a list of one seed (a part of a study), where "44" would count 44 seeds.
            if parts.count == 2 && parts[1].isEmpty { parts.removeLast() }
            guard let bad = parts.first(where: { UInt64($0) == nil }) else {
                list = parts.map { UInt64($0)! }
                if parts.count > Self.maximum {
                    invalid =
                        "--seeds lists \(parts.count) seeds, more than the \(Self.maximum) a study takes"
                }
                return
            }
            invalid = "--seeds \(argument): '\(bad)' is not a seed (a whole number from 0 to \(UInt64.max))"
        } else if let count = Int(argument) {
            self.count = count
            if count < 1 {
                invalid = "--seeds \(argument): a study needs at least one seed; give \(expected)"
            } else if count > Self.maximum {
                invalid =
                    "--seeds \(argument) is more seeds than the \(Self.maximum) a study takes "
                    + "(each seed is a whole training run); give \(expected)"
            }
        } else {
            let tooLarge = argument.allSatisfy(\.isNumber) && !argument.isEmpty
            invalid =
                "--seeds \(argument) is " + (tooLarge ? "more seeds than a study takes" : "not a number")
                + "; give \(expected)"
        }
    }

    public static var defaultValueDescription: String { "N or a,b,c" }

    /// The study's seeds: the list, or `count` seeds from `first` on (checked by `problem(first:)`).
    public func seeds(from first: UInt64) -> [UInt64] {
        list ?? (0..<UInt64(count ?? 1)).map { first &+ $0 }
    }

    /// Why these seeds cannot make a study counting up from `first` (nil when they can).
    public func problem(first: UInt64) -> String? {
        if let invalid { return invalid }
        if let count, UInt64(count - 1) > UInt64.max - first {
            return "--seeds \(count) counting up from --seed \(first) would pass the largest seed, "
                + "\(UInt64.max); give a smaller --seed or a list of seeds"
        }
        guard let list else { return nil }
        let repeated = Set(list.filter { seed in list.filter { $0 == seed }.count > 1 })
        return repeated.isEmpty
            ? nil
            : "--seeds lists \(repeated.sorted().map(String.init).joined(separator: ", ")) more than once"
    }
}

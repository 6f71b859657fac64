import SequenceNet
import WorkbookData

/// Everything that decides a search's numbers, recorded in the header of its results file so that a
/// resume or a merge can refuse results made another way before it does any work.
public struct SearchSettings: Equatable, Sendable {
    /// The run's seed; each configuration's seed derives from it and the configuration's index.
    public var seed: UInt64
    /// Most epochs per configuration (early stopping may end one sooner).
    public var epochs: Int
    /// The (possibly narrowed) space searched.
    public var space: SearchSpace
    /// Which share of the space this file holds.
    public var shard: SearchShard
    /// The training and validation data's `DataFingerprint`, as every report and checkpoint records it.
    public var data: String
    /// The `ProductPath` the configurations trained on: results of another path have other last bits.
    public var products: String

    public init(
        seed: UInt64, epochs: Int, space: SearchSpace, shard: SearchShard = .whole, data: String,
        products: String = ProductPath.current.description
    ) {
        self.seed = seed
        self.epochs = epochs
        self.space = space
        self.shard = shard
        self.data = data
        self.products = products
    }

    /// The configurations a complete file with these settings holds.
    public var configurations: [SearchConfiguration] { shard.share(of: space.configurations) }

    /// The header's setting lines, in the order written (`# name: value`).
    var lines: [(name: String, value: String)] {
        [
            ("seed", String(seed)), ("epochs", String(epochs)), ("space", space.narrowing),
            ("shard", shard.description), ("data", data), ("products", products),
        ]
    }

    static let names = ["seed", "epochs", "space", "shard", "data", "products"]

    /// The settings named by header lines, or a description of what is wrong with them.
    static func parse(_ values: [String: String]) -> Result<SearchSettings, Problem> {
        let missing = names.filter { values[$0] == nil }
        guard missing.isEmpty else {
            return .failure(
                Problem(
                    "the header does not record \(missing.joined(separator: ", ")): it was not "
                        + "written by this version of ch11-cnn-search"))
        }
        guard let seed = UInt64(values["seed"]!) else {
            return .failure(Problem("seed '\(values["seed"]!)' is not a seed"))
        }
        guard let epochs = Int(values["epochs"]!), epochs >= 1 else {
            return .failure(Problem("epochs '\(values["epochs"]!)' is not a whole number >= 1"))
        }
        guard let space = SearchSpace(narrowing: values["space"]!) else {
            return .failure(
                Problem(
                    "space '\(values["space"]!)' is not "
                        + "conv-layers ...; kernel-sizes ...; learning-rates ..."))
        }
        guard let shard = SearchShard(values["shard"]!) else {
            return .failure(Problem("shard '\(values["shard"]!)' is not K/N with 0 <= K < N"))
        }
        return .success(
            SearchSettings(
                seed: seed, epochs: epochs, space: space, shard: shard,
                data: values["data"]!, products: values["products"]!))
    }

    /// The settings in which `other` differs from these, each with its value here and there; empty when
    /// they agree. `ignoringShard` compares only what the shards of one search share.
    public func differences(from other: SearchSettings, ignoringShard: Bool = false)
        -> [(name: String, here: String, there: String)]
    {
        zip(lines, other.lines).compactMap { mine, theirs in
            guard mine.value != theirs.value, !(ignoringShard && mine.name == "shard") else { return nil }
            return (mine.name, mine.value, theirs.value)
        }
    }

    struct Problem: Error { let text: String; init(_ text: String) { self.text = text } }
}

/// Shard K of N of a search: every N-th of the configurations searched, from the K-th (counting from
/// 0). A search that is not split is shard 0/1.
public struct SearchShard: Equatable, Hashable, Sendable, CustomStringConvertible {
    public let k: Int
    public let n: Int

    /// The whole search, not split.
    public static let whole = SearchShard(validK: 0, n: 1)

    /// `K/N` with 0 <= K < N, as `--shard` and the results file's header write it.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(k)
        else {
            return nil
        }
        self.init(validK: k, n: n)
    }

    private init(validK k: Int, n: Int) {
        self.k = k
        self.n = n
    }

    public var description: String { "\(k)/\(n)" }

    /// This shard's share of `configurations` (the narrowed list, not the book's 48, so that every
    /// shard of a narrowed search gets its share).
    public func share(of configurations: [SearchConfiguration]) -> [SearchConfiguration] {
        configurations.enumerated().filter { $0.offset % n == k }.map(\.element)
    }

    /// Every shard of the same split.
    public var siblings: [SearchShard] { (0..<n).map { SearchShard(validK: $0, n: n) } }
}

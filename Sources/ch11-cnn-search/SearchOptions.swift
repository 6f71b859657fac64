import ArgumentParser
import CNNSearch
import Synchronization
import WorkbookData

/// `--shard K/N`, refused with what is wrong and what would be right.
struct ShardOption {
    let shard: SearchShard
    init(_ text: String) throws {
        guard let shard = SearchShard(text) else {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            let k = parts.count == 2 ? Int(parts[0]) : nil, n = parts.count == 2 ? Int(parts[1]) : nil
            let why =
                switch (k, n) {
                case (nil, _), (_, nil): "it is not two whole numbers K/N"
                case (_, let n?) where n < 1: "N, the number of shards, must be at least 1"
                case (let k?, _) where k < 0: "K counts shards from 0, so it cannot be negative"
                default: "K must be below N (shards are numbered 0 to N-1)"
                }
            throw ValidationError(
                "\(why); give K/N with 0 <= K < N, e.g. --shard 0/4 to --shard 3/4")
        }
        self.shard = shard
    }
}

/// A warning on standard error.
func warn(_ text: String) {
    printToStandardError("warning: \(text)\n")
}

/// A thread-safe count of finished configurations, for the progress lines.
final class Counter: Sendable {
    private let value: Mutex<Int>
    init(_ start: Int) { value = Mutex(start) }
    func increment() -> Int {
        value.withLock {
            $0 += 1; return $0
        }
    }
}

import Dispatch
import Synchronization

/// The operations the products did since it was made, how many products of each shape there were,
/// and the time spent in them summed over the threads that ran them; safe to add to from any thread.
public final class ProductMeter: Sendable {
    private let nanoseconds = Atomic<UInt64>(0)
    private let shapes = Mutex<[ProductShape: Int]>([:])

    public init() {}

    public var operations: Int { shapeCounts.reduce(0) { $0 + $1.key.operations * $1.value } }
    public var seconds: Double { Double(nanoseconds.load(ordering: .relaxed)) / 1e9 }
    /// How many products of each shape ran.
    public var shapeCounts: [ProductShape: Int] { shapes.withLock { $0 } }

    func add(_ shape: ProductShape, since start: UInt64) {
        // The clock first, so that the bookkeeping below is not counted as product time.
        nanoseconds.add(DispatchTime.now().uptimeNanoseconds - start, ordering: .relaxed)
        shapes.withLock { $0[shape, default: 0] += 1 }
    }
}

/// A product's kind and size, as `ProductEngine.gemm` (or, when `vector`, `gemv`: k is 1) was called.
public struct ProductShape: Codable, Hashable, Sendable, CustomStringConvertible {
    public let vector: Bool, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int

    enum CodingKeys: String, CodingKey {
        case vector, transposeA = "transpose_a", transposeB = "transpose_b", m, n, k
    }

    public init(
        vector: Bool = false, transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int = 1
    ) {
        (self.vector, self.transposeA, self.transposeB) = (vector, transposeA, transposeB)
        (self.m, self.n, self.k) = (m, n, k)
    }

    /// A multiply-add counts as two.
    public var operations: Int { 2 * m * n * k }

    public var description: String {
        vector
            ? "gemv\(transposeA ? " T" : "") \(m)x\(n)"
            : "gemm \(transposeA ? "T" : "N")\(transposeB ? "T" : "N") \(m)x\(n)x\(k)"
    }
}

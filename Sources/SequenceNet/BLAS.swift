import CBLAS
import Dispatch
import Synchronization

/// The matrix products of the library, all through OpenBLAS's `cblas_sgemm` on row-major data.
public enum BLAS {
    /// C = alpha * op(A) op(B) + beta * C, with op(A) [M, K], op(B) [K, N], C [M, N], all row-major.
    /// `transposeA` means A is stored as [K, M]; `transposeB` means B is stored as [N, K].
    /// `rowStrideA/B/C` are the distances between rows when a matrix is every n-th row of a larger
    /// one (one time step of a [B, T, C] sequence); by default rows are packed.
    @inline(__always)
    public static func gemm(
        _ a: UnsafePointer<Float>, transposeA: Bool = false,
        _ b: UnsafePointer<Float>, transposeB: Bool = false,
        into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0,
        rowStrideA: Int? = nil, rowStrideB: Int? = nil, rowStrideC: Int? = nil
    ) {
        let meter = productMeter, start = meter == nil ? 0 : DispatchTime.now().uptimeNanoseconds
        defer { meter?.add(ProductShape(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k), since: start) }
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha,
            a, blasint(rowStrideA ?? (transposeA ? m : k)),
            b, blasint(rowStrideB ?? (transposeB ? k : n)),
            beta, c, blasint(rowStrideC ?? n)
        )
    }

    /// y = alpha * op(A) x + beta * y, with A [M, N] row-major (`rowStrideA` apart when not packed),
    /// op(A) = A^T when `transpose`; x and y have `strideX` and `strideY` between elements.
    @inline(__always)
    public static func gemv(
        _ a: UnsafePointer<Float>, transpose: Bool = false, m: Int, n: Int, rowStrideA: Int? = nil,
        _ x: UnsafePointer<Float>, strideX: Int = 1,
        into y: UnsafeMutablePointer<Float>, strideY: Int = 1, alpha: Float = 1, beta: Float = 0
    ) {
        let meter = productMeter, start = meter == nil ? 0 : DispatchTime.now().uptimeNanoseconds
        defer { meter?.add(ProductShape(vector: true, transposeA: transpose, m: m, n: n), since: start) }
        cblas_sgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), alpha, a, blasint(rowStrideA ?? n),
            x, blasint(strideX), beta, y, blasint(strideY)
        )
    }

    /// Set by benchmarks that compare a run's time with the time its products alone take: while set,
    /// every product adds its operations (a multiply-add is two) and its duration to it. Nil in normal runs.
    nonisolated(unsafe) public static var productMeter: ProductMeter?

    /// How many threads OpenBLAS uses for one product. Results are reproducible for a fixed count.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(newValue)) }
    }
}

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

/// A product's kind and size, as `BLAS.gemm` (or, when `vector`, `BLAS.gemv`: k is 1) was called.
public struct ProductShape: Hashable, Sendable, CustomStringConvertible {
    public let vector: Bool, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int

    public init(vector: Bool = false, transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int = 1) {
        (self.vector, self.transposeA, self.transposeB, self.m, self.n, self.k) = (vector, transposeA, transposeB, m, n, k)
    }

    /// A multiply-add counts as two.
    public var operations: Int { 2 * m * n * k }

    public var description: String {
        vector ? "gemv\(transposeA ? " T" : "") \(m)x\(n)"
               : "gemm \(transposeA ? "T" : "N")\(transposeB ? "T" : "N") \(m)x\(n)x\(k)"
    }
}

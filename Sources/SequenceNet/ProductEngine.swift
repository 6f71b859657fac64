import CBLAS
import CProducts
import Dispatch

/// The libraries a product can run on.
public enum ProductLibrary: String, CaseIterable, Sendable {
    case openblas, onednn
}

/// The library's products on row-major data, all through oneDNN's `dnnl_sgemm` (a vector product as a
/// product with one column); OpenBLAS can be asked for instead, to compare.
///
/// oneDNN was chosen by measurement (Tools/benchmark/README.md): at every matrix product shape of the
/// chapter's epochs it ran about twice as fast as OpenBLAS on one core of this machine. Its path is
/// pinned to the AVX2 kernels before the first product (`ProductPath`), so that the same seed gives the
/// same bits on every x86-64 CPU with AVX2, AVX-512 ones included.
///
/// A value each product-using layer holds (`Layer.products`), not a global: a benchmark hands a model an
/// engine with a `meter`, and a faster engine can replace this one without touching the layers' loops.
///
/// Every product runs on the calling thread alone. The parallelism is the trainer's: its workers run
/// at once, one product each, and library threads inside them would only compete for the same cores.
/// oneDNN's team is set to one thread on every call (OpenMP keeps that count per calling thread, which
/// stays at one afterwards). OpenBLAS 0.3.21 has no per-call count: the first engine made sets the
/// process-wide count of the pthread build Debian installs to one, a side effect on the whole process
/// made once and never changed, so results never depend on what else runs.
public struct ProductEngine: Sendable {
    /// While set, every product adds its shape and its duration to it (benchmarks only).
    public var meter: ProductMeter?
    /// Every product on this library; nil: each on the library chosen for its shape (`library(for:)`).
    /// The pin of `ProductPath` holds for oneDNN only: OpenBLAS picks its kernels by CPU.
    public var library: ProductLibrary?

    public init(meter: ProductMeter? = nil, library: ProductLibrary? = nil) {
        _ = Self.singleThreaded
        _ = ProductPath.current
        self.meter = meter
        self.library = library
    }

    /// The library a product of this shape runs on when none is forced: oneDNN for every shape
    /// measured (a rule per shape would go here if a shape ever ran faster elsewhere).
    public static func library(for shape: ProductShape) -> ProductLibrary { .onednn }

    private static let singleThreaded: Void = openblas_set_num_threads(1)

    /// C = alpha * op(A) op(B) + beta * C, with op(A) [M, K], op(B) [K, N], C [M, N], all row-major.
    /// `transposeA` means A is stored as [K, M]; `transposeB` means B is stored as [N, K].
    /// `rowStrideA/B/C` are the distances between rows when a matrix is every n-th row of a larger
    /// one (one time step of a [B, T, C] sequence); by default rows are packed.
    @inline(__always)
    public func gemm(
        _ a: UnsafePointer<Float>, transposeA: Bool = false,
        _ b: UnsafePointer<Float>, transposeB: Bool = false,
        into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0,
        rowStrideA: Int? = nil, rowStrideB: Int? = nil, rowStrideC: Int? = nil
    ) {
        let start = meter == nil ? 0 : DispatchTime.now().uptimeNanoseconds
        let shape = ProductShape(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k)
        defer { meter?.add(shape, since: start) }
        let lda = rowStrideA ?? (transposeA ? m : k), ldb = rowStrideB ?? (transposeB ? k : n)
        let ldc = rowStrideC ?? n
        switch library ?? Self.library(for: shape) {
        case .openblas:
            cblas_sgemm(
                CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c,
                blasint(ldc))
        case .onednn:
            products_onednn_sgemm(
                transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha,
                a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        }
    }

    /// y = alpha * op(A) x + beta * y, with A [M, N] row-major (`rowStrideA` apart when not packed),
    /// op(A) = A^T when `transpose`; x and y have `strideX` and `strideY` between elements.
    @inline(__always)
    public func gemv(
        _ a: UnsafePointer<Float>, transpose: Bool = false, m: Int, n: Int, rowStrideA: Int? = nil,
        _ x: UnsafePointer<Float>, strideX: Int = 1,
        into y: UnsafeMutablePointer<Float>, strideY: Int = 1, alpha: Float = 1, beta: Float = 0
    ) {
        let start = meter == nil ? 0 : DispatchTime.now().uptimeNanoseconds
        let shape = ProductShape(vector: true, transposeA: transpose, m: m, n: n)
        defer { meter?.add(shape, since: start) }
        let lda = rowStrideA ?? n
        switch library ?? Self.library(for: shape) {
        case .openblas:
            cblas_sgemv(
                CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), alpha,
                a, blasint(lda), x, blasint(strideX), beta, y, blasint(strideY))
        case .onednn:
            // As a product with one column: x is [len, 1] with rows strideX apart, y [len, 1] likewise.
            let (rows, inner) = transpose ? (n, m) : (m, n)
            products_onednn_sgemm(
                transpose ? 1 : 0, 0, Int32(rows), 1, Int32(inner), alpha,
                a, Int32(lda), x, Int32(strideX), beta, y, Int32(strideY))
        }
    }
}

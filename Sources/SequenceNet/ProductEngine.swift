import CProducts
import Dispatch

/// The library's products on row-major data, all through oneDNN's `dnnl_sgemm` (a vector product as a
/// product with one column).
///
/// oneDNN was chosen by measurement (Tools/benchmark/README.md): at every matrix product shape of the
/// chapter's epochs it ran about twice as fast as OpenBLAS (no longer linked) on one core of this
/// machine. Its path is pinned to the AVX2 kernels before the first product (`ProductPath`), so that
/// the same seed gives the same bits on every x86-64 CPU with AVX2, AVX-512 ones included.
///
/// A value each product-using layer holds (`Layer.products`), not a global: a benchmark hands a model an
/// engine with a `meter`, and a faster engine can replace this one without touching the layers' loops.
///
/// Every product runs on the calling thread alone. The parallelism is the trainer's: its workers run
/// at once, one product each, and library threads inside them would only compete for the same cores.
/// oneDNN's team is set to one thread on every call (OpenMP keeps that count per calling thread, which
/// stays at one afterwards).
public struct ProductEngine: Sendable {
    /// While set, every product adds its shape and its duration to it (benchmarks only).
    public var meter: ProductMeter?

    public init(meter: ProductMeter? = nil) {
        _ = ProductPath.current
        self.meter = meter
    }

    /// C = op(A) op(B) + beta * C, with op(A) [M, K], op(B) [K, N], C [M, N], all row-major and packed.
    /// `transposeA` means A is stored as [K, M]; `transposeB` means B is stored as [N, K].
    @inline(__always)
    public func gemm(
        _ a: UnsafePointer<Float>, transposeA: Bool = false,
        _ b: UnsafePointer<Float>, transposeB: Bool = false,
        into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, beta: Float = 0
    ) {
        let start = meter == nil ? 0 : DispatchTime.now().uptimeNanoseconds
        let shape = ProductShape(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k)
        defer { meter?.add(shape, since: start) }
        products_onednn_sgemm(
            transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), 1,
            a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), beta, c, Int32(n))
    }

    /// y = op(A) x + beta * y, with A [M, N] row-major and packed, op(A) = A^T when `transpose`.
    @inline(__always)
    public func gemv(
        _ a: UnsafePointer<Float>, transpose: Bool = false, m: Int, n: Int,
        _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, beta: Float = 0
    ) {
        let start = meter == nil ? 0 : DispatchTime.now().uptimeNanoseconds
        let shape = ProductShape(vector: true, transposeA: transpose, m: m, n: n)
        defer { meter?.add(shape, since: start) }
        // As a product with one column: x is [len, 1], y [len, 1].
        let (rows, inner) = transpose ? (n, m) : (m, n)
        products_onednn_sgemm(
            transpose ? 1 : 0, 0, Int32(rows), 1, Int32(inner), 1, a, Int32(n), x, 1, beta, y, 1)
    }
}

import CBLAS

/// The matrix products of the library, all through OpenBLAS's `cblas_sgemm` on row-major data.
public enum BLAS {
    /// C = alpha * op(A) op(B) + beta * C, with op(A) [M, K], op(B) [K, N], C [M, N], all row-major.
    /// `transposeA` means A is stored as [K, M]; `transposeB` means B is stored as [N, K].
    @inline(__always)
    public static func gemm(
        _ a: UnsafePointer<Float>, transposeA: Bool = false,
        _ b: UnsafePointer<Float>, transposeB: Bool = false,
        into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0
    ) {
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha,
            a, blasint(transposeA ? m : k),
            b, blasint(transposeB ? k : n),
            beta, c, blasint(n)
        )
    }

    /// How many threads OpenBLAS uses for one product. Results are reproducible for a fixed count.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(newValue)) }
    }
}

import SequenceNet
import Testing

/// The engine computes the product, accumulating onto C with beta, for every combination of
/// transposes, against a double-precision sum.
@Suite struct ProductEngineTests {
    @Test func theEngineComputesTheProduct() {
        let random = RandomSource(seed: 8)
        let engine = ProductEngine()
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            for (m, n, k) in [(3, 5, 4), (64, 100, 100), (17, 1, 33), (128, 28, 300)] {
                let a = (0..<m * k).map { _ in random.uniform(-1, 1) }
                let b = (0..<k * n).map { _ in random.uniform(-1, 1) }
                var c = (0..<m * n).map { _ in random.uniform(-1, 1) }
                let before = c
                c.withUnsafeMutableBufferPointer { out in
                    engine.gemm(
                        a, transposeA: transposeA, b, transposeB: transposeB, into: out.baseAddress!,
                        m: m, n: n, k: k, beta: 2)
                }
                var worst = 0.0
                for i in 0..<m {
                    for j in 0..<n {
                        var sum = 0.0
                        for p in 0..<k {
                            let x = transposeA ? a[p * m + i] : a[i * k + p]
                            let y = transposeB ? b[j * k + p] : b[p * n + j]
                            sum += Double(x) * Double(y)
                        }
                        worst = max(worst, abs(Double(c[i * n + j]) - (sum + 2 * Double(before[i * n + j]))))
                    }
                }
                #expect(worst < 1e-4, "\(transposeA ? "T" : "N")\(transposeB ? "T" : "N") \(m)x\(n)x\(k)")
            }
        }
    }

    @Test func theEngineComputesTheVectorProduct() {
        let random = RandomSource(seed: 9)
        let engine = ProductEngine()
        for transpose in [false, true] {
            for (m, n) in [(5, 3), (300, 100), (1, 7), (64, 1)] {
                let a = (0..<m * n).map { _ in random.uniform(-1, 1) }
                let (xCount, yCount) = transpose ? (m, n) : (n, m)
                let x = (0..<xCount).map { _ in random.uniform(-1, 1) }
                var y = (0..<yCount).map { _ in random.uniform(-1, 1) }
                let before = y
                y.withUnsafeMutableBufferPointer { out in
                    engine.gemv(a, transpose: transpose, m: m, n: n, x, into: out.baseAddress!, beta: 2)
                }
                var worst = 0.0
                for i in 0..<yCount {
                    var sum = 0.0
                    for j in 0..<xCount {
                        let entry = transpose ? a[j * n + i] : a[i * n + j]
                        sum += Double(entry) * Double(x[j])
                    }
                    worst = max(worst, abs(Double(y[i]) - (sum + 2 * Double(before[i]))))
                }
                #expect(worst < 1e-4, "gemv\(transpose ? " T" : "") \(m)x\(n)")
            }
        }
    }
}

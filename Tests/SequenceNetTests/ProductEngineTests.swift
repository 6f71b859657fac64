import SequenceNet
import Testing

/// Every library the engine can route a product to computes the same product, for every combination
/// of transposes and for rows that are every n-th row of a larger matrix.
@Suite struct ProductEngineTests {
    @Test(arguments: ProductLibrary.allCases)
    func everyLibraryComputesTheProduct(library: ProductLibrary) {
        let random = RandomSource(seed: 8)
        let engine = ProductEngine(library: library)
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            for (m, n, k) in [(3, 5, 4), (64, 100, 100), (17, 1, 33), (128, 28, 300)] {
                // A and B are stored with two spare columns, C with one, to exercise the row strides.
                let (rowsA, colsA) = transposeA ? (k, m) : (m, k),
                    (rowsB, colsB) = transposeB ? (n, k) : (k, n)
                let a = (0..<rowsA * (colsA + 2)).map { _ in random.uniform(-1, 1) }
                let b = (0..<rowsB * (colsB + 2)).map { _ in random.uniform(-1, 1) }
                var c = (0..<m * (n + 1)).map { _ in random.uniform(-1, 1) }
                let before = c
                c.withUnsafeMutableBufferPointer { out in
                    engine.gemm(
                        a, transposeA: transposeA, b, transposeB: transposeB, into: out.baseAddress!,
                        m: m, n: n, k: k, alpha: 0.5, beta: 2,
                        rowStrideA: colsA + 2, rowStrideB: colsB + 2, rowStrideC: n + 1)
                }
                var worst = 0.0
                for i in 0..<m {
                    for j in 0..<n {
                        var sum = 0.0
                        for p in 0..<k {
                            let x = transposeA ? a[p * (colsA + 2) + i] : a[i * (colsA + 2) + p]
                            let y = transposeB ? b[j * (colsB + 2) + p] : b[p * (colsB + 2) + j]
                            sum += Double(x) * Double(y)
                        }
                        let expected = 0.5 * sum + 2 * Double(before[i * (n + 1) + j])
                        worst = max(worst, abs(Double(c[i * (n + 1) + j]) - expected))
                    }
                    // The spare column of C is not written.
                    #expect(c[i * (n + 1) + n] == before[i * (n + 1) + n])
                }
                #expect(
                    worst < 1e-4,
                    "\(library) \(transposeA ? "T" : "N")\(transposeB ? "T" : "N") \(m)x\(n)x\(k)")
            }
        }
    }

    @Test(arguments: ProductLibrary.allCases)
    func everyLibraryComputesTheVectorProduct(library: ProductLibrary) {
        let random = RandomSource(seed: 9)
        let engine = ProductEngine(library: library)
        for transpose in [false, true] {
            for (m, n) in [(5, 3), (300, 100), (1, 7), (64, 1)] {
                // A has one spare column; x and y are every second and third element of their buffers.
                let a = (0..<m * (n + 1)).map { _ in random.uniform(-1, 1) }
                let (xCount, yCount) = transpose ? (m, n) : (n, m)
                let x = (0..<2 * xCount).map { _ in random.uniform(-1, 1) }
                var y = (0..<3 * yCount).map { _ in random.uniform(-1, 1) }
                let before = y
                y.withUnsafeMutableBufferPointer { out in
                    engine.gemv(
                        a, transpose: transpose, m: m, n: n, rowStrideA: n + 1, x, strideX: 2,
                        into: out.baseAddress!, strideY: 3, alpha: 0.5, beta: 2)
                }
                var worst = 0.0
                for i in 0..<yCount {
                    var sum = 0.0
                    for j in 0..<xCount {
                        let entry = transpose ? a[j * (n + 1) + i] : a[i * (n + 1) + j]
                        sum += Double(entry) * Double(x[2 * j])
                    }
                    worst = max(worst, abs(Double(y[3 * i]) - (0.5 * sum + 2 * Double(before[3 * i]))))
                    #expect(y[3 * i + 1] == before[3 * i + 1] && y[3 * i + 2] == before[3 * i + 2])
                }
                #expect(worst < 1e-4, "\(library) gemv\(transpose ? " T" : "") \(m)x\(n)")
            }
        }
    }
}

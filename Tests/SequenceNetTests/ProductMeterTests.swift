import SequenceNet
import Testing

/// The meter benchmarks use to tell a run's matrix products from the rest of its time.
@Suite struct ProductMeterTests {
    @Test func countsTheOperationsAndTimeOfEveryProductWhileSet() {
        let a = [Float](repeating: 1, count: 32 * 100), b = [Float](repeating: 2, count: 100 * 50)
        var c = [Float](repeating: 0, count: 32 * 50), y = [Float](repeating: 0, count: 32)
        let meter = ProductMeter()
        BLAS.productMeter = meter
        c.withUnsafeMutableBufferPointer { BLAS.gemm(a, b, into: $0.baseAddress!, m: 32, n: 50, k: 100) }
        let afterProduct = meter.operations
        y.withUnsafeMutableBufferPointer { BLAS.gemv(a, m: 32, n: 100, b, into: $0.baseAddress!) }
        BLAS.productMeter = nil
        let shapes = meter.shapeCounts
        // Other tests may run products meanwhile and add to the count, never take from it.
        #expect(afterProduct >= 2 * 32 * 50 * 100)
        #expect(meter.operations - afterProduct >= 2 * 32 * 100)
        #expect(meter.seconds > 0)
        #expect(c[0] == 200 && y[0] == 200)
        // Each call is counted under its own shape (other tests' products may add shapes of their own).
        #expect(shapes[ProductShape(m: 32, n: 50, k: 100), default: 0] >= 1)
        #expect(shapes[ProductShape(vector: true, m: 32, n: 100), default: 0] >= 1)
        #expect(ProductShape(vector: true, m: 32, n: 100).operations == 2 * 32 * 100)
        #expect(ProductShape(transposeA: true, m: 100, n: 100, k: 1472).description == "gemm TN 100x100x1472")
    }
}

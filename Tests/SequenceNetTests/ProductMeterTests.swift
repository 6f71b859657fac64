import SequenceNet
import Testing

/// The meter benchmarks use to tell a run's matrix products from the rest of its time.
@Suite struct ProductMeterTests {
    @Test func countsTheOperationsAndTimeOfEveryProductWhileSet() {
        let a = [Float](repeating: 1, count: 32 * 100), b = [Float](repeating: 2, count: 100 * 50)
        var c = [Float](repeating: 0, count: 32 * 50), y = [Float](repeating: 0, count: 32)
        let meter = ProductMeter()
        let engine = ProductEngine(meter: meter)
        c.withUnsafeMutableBufferPointer { engine.gemm(a, b, into: $0.baseAddress!, m: 32, n: 50, k: 100) }
        let afterProduct = meter.operations
        y.withUnsafeMutableBufferPointer { engine.gemv(a, m: 32, n: 100, b, into: $0.baseAddress!) }
        let shapes = meter.shapeCounts
        #expect(afterProduct == 2 * 32 * 50 * 100)
        #expect(meter.operations - afterProduct == 2 * 32 * 100)
        #expect(meter.seconds > 0)
        #expect(c[0] == 200 && y[0] == 200)
        // Each call is counted under its own shape, and nothing else is: the meter is this engine's alone.
        #expect(
            shapes == [ProductShape(m: 32, n: 50, k: 100): 1, ProductShape(vector: true, m: 32, n: 100): 1])
        #expect(ProductShape(vector: true, m: 32, n: 100).operations == 2 * 32 * 100)
        #expect(ProductShape(transposeA: true, m: 100, n: 100, k: 1472).description == "gemm TN 100x100x1472")
    }
}

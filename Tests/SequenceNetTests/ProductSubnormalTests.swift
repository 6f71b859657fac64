import SequenceNet
import Testing

/// Inside a product, subnormal floats count as zero and a result below the normal range becomes zero
/// (they cost a microcode assist each in the kernels); outside, the library's arithmetic keeps them.
@Suite struct ProductSubnormalTests {
    /// One row times one column of length `k`, through the engine.
    private func dot(_ a: [Float], _ b: [Float]) -> Float {
        var c: [Float] = [0]
        c.withUnsafeMutableBufferPointer { out in
            ProductEngine().gemm(a, b, into: out.baseAddress!, m: 1, n: 1, k: a.count)
        }
        return c[0]
    }

    @Test func subnormalOperandsCountAsZero() {
        let tiny = Float.leastNormalMagnitude / 4  // subnormal
        #expect(tiny != 0 && !tiny.isNormal)
        // 1 x tiny would be tiny itself; the kernel reads it as zero.
        #expect(dot([tiny, tiny, tiny, tiny], [1, 1, 1, 1]) == 0)
        // Beside a normal term it moves nothing either way.
        #expect(dot([tiny, 0.5], [1, 1]) == 0.5)
    }

    @Test func resultsBelowTheNormalRangeBecomeZero() {
        // 1e-20 * 1e-20 = 1e-40, under Float.leastNormalMagnitude (about 1.2e-38).
        #expect(dot([1e-20, 1e-20], [1e-20, 1e-20]) == 0)
        // 1e-36 is normal and stays.
        let small: Float = 1e-18
        #expect(dot([small], [small]) == small * small)
    }

    @Test func theCallersArithmeticKeepsSubnormalsAfterAProduct() {
        _ = dot([1e-20, 1e-20], [1e-20, 1e-20])
        // Values the compiler cannot fold: the processor does this arithmetic after the product.
        let half = Float(Int.random(in: 2...2))
        let tiny = Float.leastNormalMagnitude / half
        #expect(tiny != 0, "the product left flush-to-zero on for its caller")
        #expect(tiny * half == Float.leastNormalMagnitude, "the product left denormals-are-zero on")
    }
}

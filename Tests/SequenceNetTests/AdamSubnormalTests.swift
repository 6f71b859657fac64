@testable import SequenceNet
import Testing

/// A weight whose gradient falls to zero keeps moments that decay towards zero every step; Adam stores
/// them as zero once they would be subnormal (where arithmetic is many times slower), and the weight
/// no longer moves.
@Suite struct AdamSubnormalTests {
    @Test func decayedMomentsBecomeZeroNotSubnormal() {
        let parameter = Parameter(name: "p", value: Tensor(shape: [2], values: [0.5, -0.25]))
        let adam = Adam([parameter], learningRate: 1e-3)
        parameter.gradient.copy(from: Tensor(shape: [2], values: [0.3, -0.2]))
        adam.update()
        parameter.gradient.zero()
        // 0.9^900 is about 1e-41 (subnormal) and 0.999^90000 about 1e-39: run well past both.
        for _ in 0..<100_000 { adam.update() }
        let (_, first, second) = adam.state
        for moments in [first, second] {
            for value in moments.values {
                #expect(value == 0 || abs(value) >= Float.leastNormalMagnitude, "subnormal moment \(value)")
            }
        }
        #expect(first.values == [0, 0])
        let settled = parameter.value.values
        adam.update()
        #expect(parameter.value.values == settled)
    }
}

import Testing

@testable import SequenceNet

/// Adam passes over parameters whose gradients no backward pass wrote, while their moments are zero,
/// and the values come out bit for bit as if it had updated them; a parameter whose moments are not
/// zero is updated even when marked.
@Suite struct AdamSkippingTests {
    func adam(_ seed: UInt64) -> Adam {
        let random = RandomSource(seed: seed)
        let parameters = [[4, 3], [3], [5, 2], [7]].enumerated().map { index, shape in
            let value = Tensor(shape: shape)
            for i in 0..<value.count { value[i] = random.uniform(-1, 1) }
            return Parameter(name: "p\(index)", value: value)
        }
        return Adam(parameters, learningRate: 0.01)
    }

    /// Steps with random gradients everywhere but in the marked parameters, which stay zero.
    func steps(_ adam: Adam, marking untouched: [Bool]?, gradientFor: (Int) -> Bool, count: Int) {
        let random = RandomSource(seed: 9)
        let extra = Tensor(shape: [adam.arena.count])
        for _ in 0..<count {
            for (index, parameter) in adam.arena.parameters.enumerated() where gradientFor(index) {
                let offset = adam.arena.ranges[index].lowerBound
                for i in 0..<parameter.value.count {
                    adam.arena.gradients[offset + i] = random.uniform(-1, 1)
                    extra[offset + i] = random.uniform(-1, 1)
                }
            }
            adam.updateAndClear(adding: extra, untouched: untouched)
        }
    }

    @Test func skippingZeroGradientsChangesNoBit() {
        let marks = [false, true, false, true]
        let (skipping, updating) = (adam(3), adam(3))
        steps(skipping, marking: marks, gradientFor: { !marks[$0] }, count: 4)
        steps(updating, marking: nil, gradientFor: { !marks[$0] }, count: 4)
        #expect(skipping.arena.values.values == updating.arena.values.values)
        #expect(skipping.momentsAreZero == marks)
        #expect(skipping.state.firstMoments.values == updating.state.firstMoments.values)
    }

    @Test func aMarkedParameterWithMomentsIsStillUpdated() {
        let marks = [false, true, false, false]
        let (marked, plain) = (adam(4), adam(4))
        // One step with a gradient in every parameter gives every parameter moments.
        steps(marked, marking: nil, gradientFor: { _ in true }, count: 1)
        steps(plain, marking: nil, gradientFor: { _ in true }, count: 1)
        // Then parameter 1 gets no gradient, is marked, and must still decay its moments and move.
        steps(marked, marking: marks, gradientFor: { !marks[$0] }, count: 2)
        steps(plain, marking: nil, gradientFor: { !marks[$0] }, count: 2)
        #expect(marked.arena.values.values == plain.arena.values.values)
        #expect(marked.state.secondMoments.values == plain.state.secondMoments.values)
    }

    @Test func theSharesCoverEveryElementOnce() {
        let ranges = [0..<5, 9..<12, 12..<13, 20..<27]
        for parts in 1...4 {
            let pieces = (0..<parts).flatMap { share(of: ranges, part: $0, of: parts) }
            #expect(pieces.flatMap { Array($0) } == ranges.flatMap { Array($0) })
        }
    }
}

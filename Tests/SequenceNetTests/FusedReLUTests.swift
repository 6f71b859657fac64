import Testing

@testable import SequenceNet

/// A ReLU after a convolution runs inside the convolution's output pass (`AppliesReLU`). The numbers
/// must be the ones the two layers give apart, to the bit: the chapter's runs were made that way.
@Suite struct FusedReLUTests {
    func randomValues(_ count: Int, seed: UInt64) -> [Float] {
        Tensor.uniform([count], bound: 1, random: RandomSource(seed: seed)).values
    }

    /// Values where max(x, 0) and the mask are easy to get wrong: both zeros, NaN, the smallest floats.
    let awkward: [Float] = [
        -0.0, 0, .nan, -.nan, -1, 1, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .infinity,
        -.infinity, .greatestFiniteMagnitude, -2.5,
    ]

    @Test func rowPassesMatchTheReLULayer() {
        for count in [0, 1, 7, 8, 9, 15, 16, 17, 29, 64] {
            // Every third value an awkward one, in turn; the gradient gets them too, shifted.
            let x = (0..<count).map { i in i % 3 == 0 ? awkward[(i / 3) % awkward.count] : Float(i) - 20 }
            let dy = randomValues(count, seed: UInt64(count) + 1).enumerated().map { i, value in
                i % 3 == 1 ? awkward[(i / 3 + 5) % awkward.count] : value
            }
            let relu = ReLU()
            let expected = relu.forward(Tensor(shape: [count], values: x), training: true).values
            let expectedGradient = relu.backward(Tensor(shape: [count], values: dy)).values

            var y = [Float](repeating: 7, count: count), dx = [Float](repeating: 7, count: count)
            x.withUnsafeBufferPointer { source in
                y.withUnsafeMutableBufferPointer { target in
                    rectify(source.baseAddress!, into: target.baseAddress!, count: count)
                }
            }
            dy.withUnsafeBufferPointer { source in
                y.withUnsafeBufferPointer { mask in
                    dx.withUnsafeMutableBufferPointer { target in
                        passWherePositive(
                            source.baseAddress!, mask: mask.baseAddress!, into: target.baseAddress!,
                            count: count)
                    }
                }
            }
            #expect(bits(y) == bits(expected), "forward, \(count) values")
            #expect(bits(dx) == bits(expectedGradient), "backward, \(count) values")
        }
    }

    /// Two convolutions with ReLUs (the search's deepest models), once in a `Sequential`, which fuses
    /// them, and once as layers called one after another. Sequence lengths below, at and above the
    /// passes' eight lanes.
    @Test func fusedStackMatchesTheLayersApart() {
        for length in [5, 8, 13, 29] {
            func layers() -> [Layer] {
                let random = RandomSource(seed: 21)
                return [
                    Conv1d(1, 6, kernelSize: 3, padding: .zeros(1), random: random), ReLU(),
                    Conv1d(6, 4, kernelSize: 5, padding: .same, random: random), ReLU(), Flatten(),
                    Linear(4 * length, 3, random: random), ReLU(), Linear(3, 1, random: random),
                ]
            }
            let fused = Sequential(layers())
            let apart = layers()
            let fusedConvolutions = fused.layers.compactMap { $0 as? Conv1d }.map(\.appliesReLU)
            let absorbed = fused.layers.compactMap { $0 as? ReLU }.map(\.absorbed)
            let apartConvolutions = apart.compactMap { $0 as? Conv1d }.map(\.appliesReLU)
            #expect(fusedConvolutions == [true, true])
            #expect(absorbed == [true, true, false])
            #expect(apartConvolutions == [false, false])

            let x = Tensor(shape: [3, 1, length], values: randomValues(3 * length, seed: 22))
            let dy = Tensor(shape: [3, 1], values: randomValues(3, seed: 23))
            let yFused = fused.forward(x, training: true).values
            var convolved: [[Float]] = []  // each convolution's output before its ReLU, run apart
            let yApart = apart.reduce(x) { input, layer in
                let y = layer.forward(input, training: true)
                if layer is Conv1d { convolved.append(y.values) }
                return y
            }.values
            #expect(bits(yFused) == bits(yApart), "outputs, length \(length)")
            // Both sides of the ReLU's kink in both convolutions' outputs, or the masks are not tested.
            #expect(convolved.count == 2)
            for values in convolved {
                #expect(values.contains { $0 < 0 } && values.contains { $0 > 0 }, "length \(length)")
            }
            expectSameBackward(fused, apart, from: dy, "length \(length)")
        }
    }
}

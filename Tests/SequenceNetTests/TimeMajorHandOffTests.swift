import Testing

@testable import SequenceNet

/// Stacked recurrent layers hand their sequence over time-major (TimeMajorHandOff.swift). The numbers
/// must be the ones the same layers give when each is called on its own, to the bit.
@Suite struct TimeMajorHandOffTests {
    /// Two one-layer recurrent modules (each a `Sequential`, as the book's models build them), the last
    /// step, and a dense output.
    func layers(_ kind: CellKind, recurrentDropout: Float) -> [Layer] {
        let random = RandomSource(seed: 31)
        return [
            recurrentModule(
                kind, inputSize: 2, hiddenSize: 5, recurrentDropout: recurrentDropout, random: random),
            recurrentModule(
                kind, inputSize: 5, hiddenSize: 5, recurrentDropout: recurrentDropout, random: random),
            LastTimeStep(), Linear(5, 1, random: random),
        ]
    }

    @Test(arguments: [CellKind.rnn, .gru, .lstm])
    func stackMatchesTheLayersApart(kind: CellKind) {
        for (steps, recurrentDropout) in [(6, Float(0)), (6, 0.3), (1, 0)] {
            let fused = Sequential(layers(kind, recurrentDropout: recurrentDropout))
            let apart = layers(kind, recurrentDropout: recurrentDropout)
            let recurrent = recurrentLayers(in: fused)
            #expect(recurrent.map(\.takesTimeMajor) == [false, true])
            #expect(recurrent.map(\.givesTimeMajor) == [true, true])
            #expect((fused.layers[2] as? LastTimeStep)?.takesTimeMajor == true)

            let x = Tensor.uniform([3, steps, 2], bound: 1, random: RandomSource(seed: 32))
            let dy = Tensor.uniform([3, 1], bound: 1, random: RandomSource(seed: 33))
            let what = "\(kind), \(steps) steps, recurrent dropout \(recurrentDropout)"
            let yFused = fused.forward(x, training: true).values
            let yApart = apart.reduce(x) { input, layer in layer.forward(input, training: true) }.values
            #expect(bits(yFused) == bits(yApart), "outputs, \(what)")
            #expect(yFused.contains { $0 != 0 })
            expectSameBackward(fused, apart, from: dy, what)
            // An evaluation pass in between, at another batch size, leaves the next step as it was.
            _ = fused.forward(
                Tensor.uniform([7, steps, 2], bound: 1, random: RandomSource(seed: 34)), training: false)
            _ = apart.reduce(Tensor.uniform([7, steps, 2], bound: 1, random: RandomSource(seed: 34))) {
                input, layer in layer.forward(input, training: false)
            }
            #expect(
                bits(fused.forward(x, training: true).values)
                    == bits(
                        apart.reduce(x) { input, layer in
                            layer.forward(input, training: true)
                        }.values), "after an evaluation, \(what)")
        }
    }

    /// A dropout between stacked layers draws its mask in memory order, so the layers around it keep
    /// the ordinary [B, T, H] order.
    @Test func noHandOffAcrossADropout() {
        let random = RandomSource(seed: 35)
        let model = recurrentModule(
            .gru, inputSize: 2, hiddenSize: 4, layers: 2, dropout: 0.2, random: random)
        #expect(recurrentLayers(in: model).map(\.givesTimeMajor) == [false, false])
        #expect(recurrentLayers(in: model).map(\.takesTimeMajor) == [false, false])
    }

    /// The forward-direction recurrent layers of a model, nested modules included, in order.
    func recurrentLayers(in model: Sequential) -> [any GivesTimeMajor & TakesTimeMajor] {
        model.layers.flatMap { layer -> [any GivesTimeMajor & TakesTimeMajor] in
            if let nested = layer as? Sequential { return recurrentLayers(in: nested) }
            if let recurrent = layer as? any GivesTimeMajor & TakesTimeMajor { return [recurrent] }
            return []
        }
    }
}

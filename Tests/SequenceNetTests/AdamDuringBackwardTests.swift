import Foundation
import Synchronization
import Testing

@testable import SequenceNet

/// Adam's update inside the step's halves (`AdamDuringBackward`): each piece waits for both workers to
/// leave its layer, and the update is `Adam.updateAndClear`'s, bit for bit.
@Suite struct AdamDuringBackwardTests {
    /// Three layers, the first and last with parameters: [Linear, ReLU, Linear].
    static func model(_ random: RandomSource) -> Sequential {
        Sequential([Linear(3, 40, random: random), ReLU(), Linear(40, 2, random: random)])
    }

    /// Gradients for the arena's values and a second worker's, the same every call.
    static func gradients(count: Int, seed: UInt64) -> (Tensor, Tensor) {
        let random = RandomSource(seed: seed)
        return (
            Tensor.uniform([count], bound: 1, random: random),
            Tensor.uniform([count], bound: 1, random: random)
        )
    }

    @Test func piecesCoverEveryElementOnceEachHalfTopLayerFirst() {
        let model = Self.model(RandomSource(seed: 1)), second = Self.model(RandomSource(seed: 1))
        let adam = Adam(model.parameters)
        let during = AdamDuringBackward(optimizer: adam, reportingFrom: [model, second], pieceSize: 7)
        #expect(model.layerOfParameter == [0, 0, 2, 2])
        // As the first step finds them: no parameter to pass over, so the halves are the arena's.
        during.begin(adding: Tensor(shape: [adam.arena.count]))
        defer { adam.updateAndClear(adding: Tensor(shape: [adam.arena.count])) }  // lets go of `during`
        var covered = [Int](repeating: 0, count: adam.arena.count)
        for (list, pieces) in during.pieces.enumerated() {
            for piece in pieces {
                #expect(piece.range.count <= 7)
                #expect(piece.layersAbove == (piece.parameter < 2 ? 2 : 0))
                // Each list holds the half of the arena that Adam.updateAndClear gives that worker's core.
                let half = adam.arena.count / 2
                #expect(list == 0 ? piece.range.upperBound <= half : piece.range.lowerBound >= half)
                for i in piece.range { covered[i] += 1 }
            }
            let order = pieces.map(\.layersAbove)
            #expect(order == order.sorted())
        }
        #expect(covered.allSatisfy { $0 == 1 })
    }

    /// The first layer's pieces wait until the second worker has finished it; the last layer's go
    /// as soon as it reports the top layer done. The result is one `updateAndClear`, bit for bit.
    @Test func waitsForTheOtherWorkerAndUpdatesAsAdamDoes() {
        let model = Self.model(RandomSource(seed: 2)), second = Self.model(RandomSource(seed: 2))
        let reference = Self.model(RandomSource(seed: 2))
        let adam = Adam(model.parameters, learningRate: 0.1)
        let referenceAdam = Adam(reference.parameters, learningRate: 0.1)
        let during = AdamDuringBackward(optimizer: adam, reportingFrom: [model, second], pieceSize: 16)
        let firstLayer = 0..<(3 * 40 + 40), lastLayer = firstLayer.upperBound..<adam.arena.count
        for step in 0..<3 {
            let (own, extra) = Self.gradients(count: adam.arena.count, seed: 10 + UInt64(step))
            let (referenceOwn, referenceExtra) = Self.gradients(
                count: adam.arena.count, seed: 10 + UInt64(step))
            adam.arena.gradients.copy(from: own)
            referenceAdam.arena.gradients.copy(from: referenceOwn)
            let before = adam.arena.values.values

            during.begin(adding: extra)
            // Worker 0 spins while it waits, so it gets a thread of its own, not one of the shared pool.
            let firstWorkerDone = DispatchSemaphore(value: 0)
            Thread {
                during.work(as: 0)
                firstWorkerDone.signal()
            }.start()
            during.report(1, worker: 1)  // the top layer, Linear(40, 2), is done in both
            let deadline = Date().addingTimeInterval(10)
            while adam.arena.values.values[lastLayer] == before[lastLayer] && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.001)
            }
            let lastLayerUpdated = adam.arena.values.values[lastLayer] != before[lastLayer]
            #expect(lastLayerUpdated, "the top layer's pieces should not wait for the first layer")
            Thread.sleep(forTimeInterval: 0.05)
            let firstLayerWaited = adam.arena.values.values[firstLayer] == before[firstLayer]
            #expect(firstLayerWaited, "the first layer was updated before the second worker finished it")
            during.work(as: 1)
            firstWorkerDone.wait()
            adam.updateAndClear(adding: extra)  // only finishes what the halves did

            referenceAdam.updateAndClear(adding: referenceExtra)
            let sameValues = adam.arena.values.values == referenceAdam.arena.values.values
            let sameMoments =
                adam.state.firstMoments.values == referenceAdam.state.firstMoments.values
                && adam.state.secondMoments.values == referenceAdam.state.secondMoments.values
            #expect(sameValues && sameMoments, "step \(step) differs from Adam.updateAndClear")
            #expect(adam.arena.gradients.values.allSatisfy { $0 == 0 } && extra.values.allSatisfy { $0 == 0 })
        }
    }

    /// A trainer on two cores and on one gives the same numbers with the recurrent layers of the book's
    /// one-step layout, whose W_hh Adam passes over (and which is larger than a piece), and with a last
    /// batch of one example, which leaves the second worker nothing to learn.
    @Test func oneStepRecurrentModelsTrainAlikeOnOneCoreAndTwo() throws {
        let random = RandomSource(seed: 4)
        let count = 37, inputs = 5
        let data = Dataset(
            features: (0..<count * inputs).map { _ in random.uniform(-1, 1) },
            targets: (0..<count).map { _ in random.uniform(-1, 1) }, exampleShape: [1, inputs])
        func trained(concurrent: Bool) throws -> (TrainingHistory, [[Float]]) {
            let trainer = Trainer(learningRate: 1e-2, random: RandomSource(seed: 5)) { random in
                Sequential([
                    Recurrent<GRUCell>(inputSize: inputs, hiddenSize: 60, random: random),
                    Recurrent<GRUCell>(inputSize: 60, hiddenSize: 60, random: random), LastTimeStep(),
                    Linear(60, 1, random: random),
                ])
            }
            trainer.concurrent = concurrent
            let history = try trainer.fit(
                train: data, validation: data, options: TrainingOptions(epochs: 3, batchSize: 4))
            return (history, trainer.model.parameters.map(\.value.values))
        }
        let (twoCores, twoCoreWeights) = try trained(concurrent: true)
        let (oneCore, oneCoreWeights) = try trained(concurrent: false)
        #expect(twoCores.trainLoss == oneCore.trainLoss && twoCores.validationLoss == oneCore.validationLoss)
        let sameWeights = twoCoreWeights == oneCoreWeights
        #expect(sameWeights, "the weights after three epochs differ between two cores and one")
    }
}

/// Examples held in memory: each has a feature block and one target value.
public struct Dataset: Sendable {
    /// [N, F], row-major, F = the product of `exampleShape`.
    public let features: [Float]
    /// [N]
    public let targets: [Float]
    /// The shape of one example as the model takes it, e.g. [1, 29] for a one-channel Conv1d.
    public let exampleShape: [Int]

    public init(features: [Float], targets: [Float], exampleShape: [Int]) {
        precondition(
            features.count == targets.count * exampleShape.reduce(1, *),
            "\(features.count) feature values do not make \(targets.count) examples of shape \(exampleShape)")
        self.features = features
        self.targets = targets
        self.exampleShape = exampleShape
    }

    public var count: Int { targets.count }
    public var exampleSize: Int { exampleShape.reduce(1, *) }
}

/// Copies chosen examples into reusable batch tensors: input [B, exampleShape...], target [B, 1].
final class Batcher {
    let input = Tensor(shape: [0])
    let target = Tensor(shape: [0])

    func fill(from data: Dataset, indices: ArraySlice<Int>) {
        let size = data.exampleSize
        input.resize(batch: indices.count, data.exampleShape)
        target.resize(indices.count, 1)
        data.features.withUnsafeBufferPointer { features in
            for (row, index) in indices.enumerated() {
                (input.pointer + row * size).update(from: features.baseAddress! + index * size, count: size)
                target[row] = data.targets[index]
            }
        }
    }
}

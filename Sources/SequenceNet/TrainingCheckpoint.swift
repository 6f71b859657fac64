import Foundation

/// Everything a run needs to go on after a finished epoch exactly as if it had never stopped: the
/// weights, Adam's step count and moments, the losses so far, the early-stopping count, the best
/// weights when they are kept, and the state of every random source (shuffling and dropout).
///
/// It is Codable; tensors are stored as their raw little-endian bytes, so values come back bit for bit.
public struct TrainingCheckpoint: Codable, Sendable {
    /// Says what run wrote the checkpoint (its settings); resuming compares it with the new run's.
    public var fingerprint: String
    public var trainLoss: [Float]
    public var validationLoss: [Float]
    public var bestEpoch: Int
    public var stoppedEarly: Bool
    public var trainingSeconds: Double
    var stopping: EarlyStopping
    var adamStep: Int
    var parameters: [Data]
    var firstMoments: [Data]
    var secondMoments: [Data]
    var best: [Data]?
    var randomStates: [[UInt64]]
    /// The last epoch's order of the training examples (the next shuffle starts from it), as 32-bit integers.
    var order: Data

    /// Epochs finished when it was written.
    public var epoch: Int { trainLoss.count }
}

public enum CheckpointError: Error, CustomStringConvertible {
    /// The checkpoint was written for a model of another shape.
    case mismatch(String)

    public var description: String {
        switch self {
        case let .mismatch(what): return "the checkpoint does not fit this model: \(what)"
        }
    }
}

extension Trainer {
    /// The state after the last finished epoch of the current (or last) `fit`.
    public func checkpoint(fingerprint: String) -> TrainingCheckpoint {
        let adam = optimizer.state
        return TrainingCheckpoint(
            fingerprint: fingerprint, trainLoss: run.history.trainLoss, validationLoss: run.history.validationLoss,
            bestEpoch: run.history.bestEpoch, stoppedEarly: run.history.stoppedEarly,
            trainingSeconds: run.history.trainingSeconds, stopping: run.stopping, adamStep: adam.step,
            parameters: model.parameters.map { $0.value.bytes }, firstMoments: adam.firstMoments.map(\.bytes),
            secondMoments: adam.secondMoments.map(\.bytes), best: run.best?.map(\.bytes),
            randomStates: randomSources.map(\.state), order: run.order.map(Int32.init).withUnsafeBytes { Data($0) })
    }

    /// Puts a checkpoint's state into this trainer, its model and optimiser.
    func restore(_ checkpoint: TrainingCheckpoint) throws {
        let parameters = model.parameters, sources = randomSources
        let sizes = parameters.map(\.value.count)
        func check(_ blobs: [Data], _ what: String) throws {
            guard blobs.map({ $0.count / MemoryLayout<Float>.size }) == sizes else {
                throw CheckpointError.mismatch("\(what) have sizes \(blobs.map { $0.count / 4 }), the model's parameters \(sizes)")
            }
        }
        try check(checkpoint.parameters, "the weights")
        try check(checkpoint.firstMoments, "Adam's first moments")
        try check(checkpoint.secondMoments, "Adam's second moments")
        if let best = checkpoint.best { try check(best, "the best epoch's weights") }
        guard checkpoint.randomStates.count == sources.count, checkpoint.randomStates.allSatisfy({ $0.count == 4 }) else {
            throw CheckpointError.mismatch("\(checkpoint.randomStates.count) random sources saved, the run has \(sources.count)")
        }
        let order = checkpoint.order.withUnsafeBytes { $0.bindMemory(to: Int32.self).map(Int.init) }
        guard order.sorted() == Array(0..<run.order.count) else {
            throw CheckpointError.mismatch("its order of \(order.count) training examples is not one of the \(run.order.count) here")
        }
        guard checkpoint.validationLoss.count == checkpoint.epoch else {
            throw CheckpointError.mismatch("\(checkpoint.epoch) training losses but \(checkpoint.validationLoss.count) validation losses")
        }
        for (parameter, blob) in zip(parameters, checkpoint.parameters) { parameter.value.setBytes(blob) }
        optimizer.restore(step: checkpoint.adamStep, firstMoments: checkpoint.firstMoments.map(Tensor.floats),
                          secondMoments: checkpoint.secondMoments.map(Tensor.floats))
        for (source, state) in zip(sources, checkpoint.randomStates) { source.state = state }
        run.history = TrainingHistory()
        run.history.trainLoss = checkpoint.trainLoss
        run.history.validationLoss = checkpoint.validationLoss
        run.history.bestEpoch = checkpoint.bestEpoch
        run.history.stoppedEarly = checkpoint.stoppedEarly
        run.history.trainingSeconds = checkpoint.trainingSeconds
        run.stopping = checkpoint.stopping
        run.order = order
        run.best = checkpoint.best.map { blobs in
            zip(blobs, parameters).map { blob, parameter in
                let tensor = Tensor(shape: parameter.value.shape)
                tensor.setBytes(blob)
                return tensor
            }
        }
    }

    /// Every random source the run draws from, each once, in a fixed order: the shuffling source,
    /// then the layers' of the model and of its replica.
    var randomSources: [RandomSource] {
        var seen = Set<ObjectIdentifier>()
        return ([shuffleSource] + workerModels.flatMap(\.randomSources)).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }
}

extension Tensor {
    /// The values as raw bytes (the machine's float layout: little-endian IEEE 754 on every platform Swift runs on here).
    var bytes: Data { Data(bytes: pointer, count: count * MemoryLayout<Float>.size) }

    /// Overwrites the values with `bytes` of the same length.
    func setBytes(_ data: Data) {
        precondition(data.count == count * MemoryLayout<Float>.size, "byte count does not match the tensor")
        data.withUnsafeBytes { raw in
            UnsafeMutableRawPointer(pointer).copyMemory(from: raw.baseAddress!, byteCount: data.count)
        }
    }

    static func floats(_ data: Data) -> [Float] {
        data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
}

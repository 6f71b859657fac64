import Foundation

/// Everything a run needs to go on after a finished epoch exactly as if it had never stopped: the
/// weights, Adam's step count and moments, the losses so far, the early-stopping count, the best
/// weights when they are kept, and the state of every random source (shuffling and dropout).
///
/// It is Codable; the parameter arena and Adam's moments are stored as their raw little-endian bytes,
/// one blob each, so values come back bit for bit.
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
    /// Each parameter's shape, in the arena's order: a model of other shapes is refused even when its
    /// total size is the same.
    var shapes: [[Int]]
    /// The arena's values, [N] floats.
    var parameters: Data
    /// Adam's moments, [N] floats each, in the arena's order.
    var firstMoments: Data
    var secondMoments: Data
    /// The arena's values at the best epoch, when they are kept.
    var best: Data?
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
            fingerprint: fingerprint, trainLoss: run.history.trainLoss,
            validationLoss: run.history.validationLoss,
            bestEpoch: run.history.bestEpoch, stoppedEarly: run.history.stoppedEarly,
            trainingSeconds: run.history.trainingSeconds, stopping: run.stopping, adamStep: adam.step,
            shapes: arena.parameters.map(\.value.shape), parameters: arena.values.bytes,
            firstMoments: adam.firstMoments.bytes,
            secondMoments: adam.secondMoments.bytes, best: run.best?.bytes,
            randomStates: randomSources.map(\.state),
            order: run.order.map(Int32.init).withUnsafeBytes { Data($0) })
    }

    /// Puts a checkpoint's state into this trainer, its model and optimiser.
    func restore(_ checkpoint: TrainingCheckpoint) throws {
        let sources = randomSources, size = arena.count * MemoryLayout<Float>.size
        let shapes = arena.parameters.map(\.value.shape)
        guard checkpoint.shapes == shapes else {
            throw CheckpointError.mismatch(
                "its parameters have shapes \(checkpoint.shapes), the model's \(shapes)")
        }
        func check(_ blob: Data, _ what: String) throws {
            guard blob.count == size else {
                throw CheckpointError.mismatch(
                    "\(what) hold \(blob.count / 4) values, the model has \(arena.count)")
            }
        }
        try check(checkpoint.parameters, "the weights")
        try check(checkpoint.firstMoments, "Adam's first moments")
        try check(checkpoint.secondMoments, "Adam's second moments")
        if let best = checkpoint.best { try check(best, "the best epoch's weights") }
        guard checkpoint.randomStates.count == sources.count,
            checkpoint.randomStates.allSatisfy({ $0.count == 4 })
        else {
            throw CheckpointError.mismatch(
                "\(checkpoint.randomStates.count) random sources saved, the run has \(sources.count)")
        }
        // Data's bytes carry no alignment promise: each integer is read unaligned.
        let order = checkpoint.order.withUnsafeBytes { raw in
            (0..<raw.count / 4).map { Int(raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
        }
        guard order.sorted() == Array(0..<run.order.count) else {
            throw CheckpointError.mismatch(
                "its order of \(order.count) training examples is not one of the \(run.order.count) here")
        }
        guard checkpoint.validationLoss.count == checkpoint.epoch else {
            throw CheckpointError.mismatch(
                "\(checkpoint.epoch) training losses but \(checkpoint.validationLoss.count) validation losses"
            )
        }
        arena.values.setBytes(checkpoint.parameters)
        optimizer.restore(
            step: checkpoint.adamStep, firstMoments: checkpoint.firstMoments,
            secondMoments: checkpoint.secondMoments)
        for (source, state) in zip(sources, checkpoint.randomStates) { source.state = state }
        run.history = TrainingHistory()
        run.history.trainLoss = checkpoint.trainLoss
        run.history.validationLoss = checkpoint.validationLoss
        run.history.bestEpoch = checkpoint.bestEpoch
        run.history.stoppedEarly = checkpoint.stoppedEarly
        run.history.trainingSeconds = checkpoint.trainingSeconds
        run.stopping = checkpoint.stopping
        run.order = order
        run.best = checkpoint.best.map { blob in
            let tensor = Tensor(shape: [arena.count])
            tensor.setBytes(blob)
            return tensor
        }
    }

    /// Every random source the run draws from, each once, in a fixed order: the shuffling source,
    /// then the layers' of every worker's copy of the model.
    var randomSources: [RandomSource] {
        var seen = Set<ObjectIdentifier>()
        return ([shuffleSource] + workerModels.flatMap(\.randomSources)).filter {
            seen.insert(ObjectIdentifier($0)).inserted
        }
    }
}

extension Tensor {
    /// The values as raw bytes (the machine's float layout: little-endian IEEE 754 on every platform Swift
    /// runs on here).
    var bytes: Data { Data(bytes: pointer, count: count * MemoryLayout<Float>.size) }

    /// Overwrites the values with `bytes` of the same length (copied byte by byte: Data promises no
    /// alignment).
    func setBytes(_ data: Data) {
        precondition(data.count == count * MemoryLayout<Float>.size, "byte count does not match the tensor")
        data.withUnsafeBytes { raw in
            UnsafeMutableRawPointer(pointer).copyMemory(from: raw.baseAddress!, byteCount: data.count)
        }
    }
}

import ArgumentParser
import Foundation
import WorkbookData
import WorkbookFigures

/// A rough count of the float32 numbers a run will hold (parameters with their gradients, Adam's
/// moments and the replica's gradients; the activations a batch keeps for its backward pass; the
/// windows of data), checked against the machine's memory before anything is allocated, so that a
/// model too large to fit is refused with a message instead of killed by the allocator.
///
/// Counts are in Double: with absurd option values they would overflow Int.
public struct MemoryEstimate {
    public var parameters: Double = 0
    /// Numbers one example keeps between the forward and backward pass.
    public var activationsPerExample: Double = 0
    public var examplesPerBatch: Double = 1
    /// Numbers of data: windows, their training and validation copies.
    public var data: Double = 0

    public init(
        parameters: Double = 0, activationsPerExample: Double = 0, examplesPerBatch: Double = 1,
        data: Double = 0
    ) {
        self.parameters = parameters
        self.activationsPerExample = activationsPerExample
        self.examplesPerBatch = examplesPerBatch
        self.data = data
    }

    /// Value, gradient, two Adam moments, the replica's gradient, the best epoch's copy.
    static let copiesPerParameter = 6.0
    /// The forward values and the backward pass's gradients of the same shapes.
    static let copiesPerActivation = 2.0

    public var bytes: Double {
        let activations = Self.copiesPerActivation * activationsPerExample * examplesPerBatch
        return 4 * (Self.copiesPerParameter * parameters + activations + data)
    }

    /// Refuses the run when it would need more than the machine's memory; `options` names the options
    /// that set the size, e.g. "--hidden 1000000".
    public func check(options: String) throws {
        let available = Double(ProcessInfo.processInfo.physicalMemory)
        guard bytes.isFinite, bytes <= available else {
            throw ValidationError(
                "\(options): the model and data would need about \(Self.describe(bytes)) "
                    + "of memory, more than this machine's \(Self.describe(available)); choose smaller values"
            )
        }
    }

    static func describe(_ bytes: Double) -> String {
        guard bytes.isFinite else { return "an unbounded amount" }
        return bytes >= 1e12
            ? String(format: "%.3g TB", bytes / 1e12)
            : String(format: "%.3g GB", bytes / 1e9)
    }
}

extension BookModel {
    /// What one of the book's recurrent models holds for `timeSteps` steps of `inputSize` values.
    public func memoryEstimate(
        inputSize: Int, hiddenSize: Int, timeSteps: Int,
        batchSize: Int
    ) -> MemoryEstimate {
        let (i, h, t) = (Double(inputSize), Double(hiddenSize), Double(timeSteps))
        let cell = self.cell.cellType, directions = Double(self.directions)
        // Two layers of `directions` directions each, the second fed directions * H values; the head
        // is at most 2H * H + H + 1.
        let layers =
            directions
            * (cell.parameterShapes(inputSize: i, hiddenSize: h).count
                + cell.parameterShapes(inputSize: directions * h, hiddenSize: h).count)
        let head = 2 * h * h + h + 1
        // Per step and direction the unroller keeps the state, the gates and their inputs.
        let activations = 2 * directions * t * h * (2 * Double(cell.gateCount) + 2) + t * i
        return MemoryEstimate(
            parameters: layers + head, activationsPerExample: activations,
            examplesPerBatch: Double(batchSize))
    }
}

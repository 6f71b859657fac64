/// A model's parameters in one flat buffer of values and one of gradients, every `Parameter` a view
/// into them in registration order. The optimiser is then one loop, zeroing the gradients one fill,
/// and a checkpoint the buffers' bytes.
///
/// Another copy of the same model (a trainer's second worker) can share the values and keep
/// gradients of its own: `shareValues(with:)`.
public final class ParameterArena {
    /// The parameters, in the order of the buffers.
    public let parameters: [Parameter]
    /// [N]: every parameter's values, one after the other.
    public let values: Tensor
    /// [N]: their gradients, in the same places.
    public let gradients: Tensor
    /// Where each parameter lies in the buffers.
    let ranges: [Range<Int>]

    /// Moves the parameters' values (and gradients) into the arena's buffers; the parameters keep
    /// their names, shapes and numbers, and become views.
    public init(_ parameters: [Parameter]) {
        self.parameters = parameters
        var ranges: [Range<Int>] = [], total = 0
        for parameter in parameters {
            ranges.append(total..<total + parameter.value.count)
            total += parameter.value.count
        }
        self.ranges = ranges
        values = Tensor(shape: [total])
        gradients = Tensor(shape: [total])
        for (parameter, range) in zip(parameters, ranges) {
            parameter.value.moveStorage(to: values, at: range.lowerBound)
            parameter.gradient.moveStorage(to: gradients, at: range.lowerBound)
        }
    }

    /// The number of values.
    public var count: Int { values.count }

    /// Points `others`, parameters of the same shapes in the same order (another copy of the model),
    /// at this arena's values, with their gradients in a buffer of their own, which is returned: [N].
    public func shareValues(with others: [Parameter]) -> Tensor {
        precondition(
            others.map(\.value.shape) == parameters.map(\.value.shape),
            "shared parameters must have the arena's shapes")
        let ownGradients = Tensor(shape: [count])
        for (parameter, range) in zip(others, ranges) {
            parameter.value.borrowStorage(of: values, at: range.lowerBound)
            parameter.gradient.moveStorage(to: ownGradients, at: range.lowerBound)
        }
        return ownGradients
    }
}

/// A learnable tensor together with the gradient the backward passes accumulate into it.
///
/// Once a model's parameters are gathered into a `ParameterArena`, both tensors are views into the
/// arena's flat buffers.
public final class Parameter {
    /// A name in PyTorch's `state_dict` style, such as `weight` or `bias`.
    public let name: String
    /// The current values.
    public let value: Tensor
    /// dLoss/dvalue, summed over every backward pass since the last `zeroGradient()`.
    public let gradient: Tensor
    /// Set by a layer whose latest backward pass wrote nothing into `gradient` (a recurrent layer that
    /// ran one step, whose state before it is zero, has no product for W_hh): the gradient is still
    /// the zero the last update left, and Adam may pass over it (`Adam.updateAndClear`).
    public var gradientUntouched = false

    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
        gradient = Tensor(shape: value.shape)
    }

    public func zeroGradient() { gradient.zero() }
}

/// One step of a model, in the style of llm.c: `forward` keeps what `backward` needs, `backward`
/// takes dL/dy, adds the parameter gradients with `+=`, and returns dL/dx.
///
/// Tensors returned by either pass belong to the layer and are overwritten by its next call. A layer
/// knows nothing of workers: data parallelism is the trainer's (it builds one model per worker).
public protocol Layer: AnyObject {
    /// y = f(x). `training` switches behaviour such as dropout.
    func forward(_ input: Tensor, training: Bool) -> Tensor
    /// dL/dx from dL/dy, for the input of the latest `forward`. It reads `outputGradient` and never
    /// writes into it: a layer may hand that tensor on (an absorbed ReLU, `Flatten`'s view), and
    /// `LastTimeStep` keeps zeros in the one it returns (GradientLeftAloneTests).
    func backward(_ outputGradient: Tensor) -> Tensor
    /// The layer's parameters, in PyTorch's registration order.
    var parameters: [Parameter] { get }
    /// The random sources the layer draws from (a checkpoint saves their state).
    var randomSources: [RandomSource] { get }
    /// The engine that runs the layer's matrix products (layers without any ignore it).
    var products: ProductEngine { get set }
    /// Whether `backward` works out dL/dx. A model's first layers read data, whose gradient nobody
    /// uses: the trainer turns it off there (`Sequential`), and `backward` then adds the parameter
    /// gradients only, returning a tensor that is not dL/dx. Layers that never skip it ignore this.
    var computesInputGradient: Bool { get set }
}

extension Layer {
    public var parameters: [Parameter] { [] }
    public var randomSources: [RandomSource] { [] }
    public var products: ProductEngine {
        get { ProductEngine() }
        set {}
    }
    public var computesInputGradient: Bool {
        get { true }
        set {}
    }
}

/// `nn.Sequential`: layers applied in order; backward runs them in reverse.
public final class Sequential: Layer {
    public let layers: [Layer]

    /// The first layer with parameters (`layers.count` if none has any).
    private let firstWithParameters: Int

    /// Two arrangements between adjacent layers change no number, only the passes over memory: a
    /// `Conv1d` followed directly by a `ReLU` applies it in its own output pass (`AppliesReLU`), and
    /// stacked recurrent layers hand their states over time-major (TimeMajorHandOff.swift). From then on
    /// those layers belong to this model: called on its own, such a convolution returns max(y, 0), and
    /// such a recurrent layer expects or returns [T, B, width].
    public init(_ layers: [Layer]) {
        self.layers = layers
        firstWithParameters = layers.firstIndex { !$0.parameters.isEmpty } ?? layers.count
        fuseReLUs()
        handOverTimeMajor()
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        layers.reduce(x) { $1.forward($0, training: training) }
    }

    public func backward(_ dy: Tensor) -> Tensor {
        // Without dL/dx, the layers before the first one with parameters need no backward pass at all.
        let first = computesInputGradient ? 0 : firstWithParameters
        var gradient = dy
        for (done, layer) in layers[first...].reversed().enumerated() {
            gradient = layer.backward(gradient)
            afterLayerBackward?(done + 1)
        }
        return gradient
    }

    /// Told, during `backward`, how many layers from the top have finished theirs (a trainer starts
    /// Adam's update of those layers while the rest run: AdamDuringBackward.swift).
    var afterLayerBackward: ((Int) -> Void)?

    /// For each parameter, in `parameters`' order, the index of the layer it belongs to.
    var layerOfParameter: [Int] {
        layers.enumerated().flatMap { index, layer in Array(repeating: index, count: layer.parameters.count) }
    }

    /// Off: the layers up to the first one with parameters are told their input gradient is not
    /// needed, and the ones before it are not run backward (see `Layer.computesInputGradient`).
    public var computesInputGradient = true {
        didSet {
            for layer in layers[..<min(firstWithParameters + 1, layers.count)] {
                layer.computesInputGradient = computesInputGradient
            }
        }
    }

    public var parameters: [Parameter] { layers.flatMap(\.parameters) }
    public var randomSources: [RandomSource] { layers.flatMap(\.randomSources) }
    /// Set on every layer; read from the first.
    public var products: ProductEngine {
        get { layers.first?.products ?? ProductEngine() }
        set { for layer in layers { layer.products = newValue } }
    }

    /// Every parameter with a PyTorch-style dotted name, such as `0.weight`.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        layers.enumerated().flatMap { index, layer in
            layer.parameters.map { ("\(index).\($0.name)", $0) }
        }
    }

    /// The number of learnable values, as `sum(p.numel() for p in model.parameters())`.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}

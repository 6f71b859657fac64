/// Stacked recurrent layers work time-major inside (row t * B + b holds sequence b at time t), while
/// the tensors between layers are [B, T, width], PyTorch's batch_first order. Between two of them the
/// first would transpose its states to [B, T, H] and the second straight back. `Sequential` lets such
/// a pair hand the sequence over time-major instead, shaped [T, B, width]: the states are passed as
/// they lie, and the gradient comes back the same way. Only copies are left out, so every number is
/// the same to the bit. A dropout between the layers (which draws its mask in memory order) keeps the
/// ordinary order.

/// A layer whose output can stay time-major, [T, B, width].
protocol GivesTimeMajor: Layer {
    /// Whether this layer can (a reverse direction, which runs from the last step, does not).
    var canGiveTimeMajor: Bool { get }
    /// When set, `forward` returns [T, B, width] and `backward` takes dL/dy in that order.
    var givesTimeMajor: Bool { get set }
}

/// A layer that can take its input time-major, [T, B, width].
protocol TakesTimeMajor: Layer {
    /// When set, `forward` reads [T, B, width] and `backward` returns dL/dx in that order.
    var takesTimeMajor: Bool { get set }
}

extension Sequential {
    /// Sets up the time-major hand-off between each adjacent pair that can use it, looking into
    /// nested `Sequential`s (a recurrent module is one).
    func handOverTimeMajor() {
        for (layer, next) in zip(layers, layers.dropFirst()) {
            guard let producer = innermost(layer, last: true) as? any GivesTimeMajor,
                producer.canGiveTimeMajor,
                let consumer = innermost(next, last: false) as? any TakesTimeMajor
            else { continue }
            producer.givesTimeMajor = true
            consumer.takesTimeMajor = true
        }
    }
}

/// The layer a nested `Sequential` starts (`last` false) or ends with.
private func innermost(_ layer: Layer, last: Bool) -> Layer {
    guard let nested = layer as? Sequential, let end = last ? nested.layers.last : nested.layers.first else {
        return layer
    }
    return innermost(end, last: last)
}

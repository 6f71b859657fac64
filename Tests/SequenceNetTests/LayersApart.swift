import Testing

@testable import SequenceNet

/// For the tests of what `Sequential` sets up between its layers (a fused ReLU, a time-major hand-off):
/// the same layers called one after another, with nothing set up, as the reference.

/// The bits of each value, so that -0, NaN payloads and the last place all count.
func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

/// Runs the backward pass of `fused` and of `apart` (whose forward passes have run on the same input)
/// from `dy`, and expects the same input gradient and parameter gradients, bit for bit.
func expectSameBackward(
    _ fused: Sequential, _ apart: [Layer], from dy: Tensor, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let dxFused = fused.backward(dy).values
    let dxApart = apart.reversed().reduce(dy) { gradient, layer in layer.backward(gradient) }.values
    #expect(bits(dxFused) == bits(dxApart), "input gradients, \(what)", sourceLocation: sourceLocation)
    let fusedGradients = fused.parameters.map { bits($0.gradient.values) }
    let apartGradients = apart.flatMap(\.parameters).map { bits($0.gradient.values) }
    #expect(fusedGradients == apartGradients, "parameter gradients, \(what)", sourceLocation: sourceLocation)
}

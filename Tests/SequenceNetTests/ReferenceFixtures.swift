import Foundation
import SequenceNet
import Testing

/// The PyTorch reference values in Fixtures/layers.json, made by Tools/reference/make_layer_fixtures.py.
struct ReferenceFixtures: Decodable {
    struct LinearCase: Decodable {
        let name: String
        let in_features: Int, out_features: Int, batch: Int
        let weight: [Float], bias: [Float], input: [Float], grad_output: [Float]
        let output: [Float], grad_input: [Float], grad_weight: [Float], grad_bias: [Float]
    }
    struct ConvCase: Decodable {
        let name: String
        let in_channels: Int, out_channels: Int, kernel_size: Int, padding: PaddingValue
        let batch: Int, length: Int, output_length: Int
        let weight: [Float], bias: [Float], input: [Float], grad_output: [Float]
        let output: [Float], grad_input: [Float], grad_weight: [Float], grad_bias: [Float]
    }
    struct PaddingValue: Decodable {
        let padding: Padding
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let amount = try? container.decode(Int.self) {
                padding = .zeros(amount)
            } else if try container.decode(String.self) == "same" {
                padding = .same
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown padding")
            }
        }
    }
    struct ReLUCase: Decodable {
        let input: [Float], grad_output: [Float], output: [Float], grad_input: [Float]
    }
    struct MSECase: Decodable {
        let prediction: [Float], target: [Float], loss: Float, grad_prediction: [Float]
    }
    struct AdamCase: Decodable {
        let lr: Double, beta1: Double, beta2: Double, eps: Double
        let param: [Float], grads: [[Float]], params_after: [[Float]]
    }
    struct MiniCNN: Decodable {
        let batch: Int, features: Int, channels: Int
        let input: [Float], target: [Float]
        let params: [String: [Float]], output: [Float], loss: Float, grads: [String: [Float]]
        let adam_lr: Double
        let params_after_adam_step: [String: [Float]]
    }

    let generator: String
    let linear: [LinearCase]
    let conv1d: [ConvCase]
    let relu: ReLUCase
    let mse: MSECase
    let adam: AdamCase
    let adam_tiny_gradients: AdamCase
    let mini_cnn: MiniCNN

    static let shared: ReferenceFixtures = {
        let url = Bundle.module.url(forResource: "layers", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(ReferenceFixtures.self, from: Data(contentsOf: url))
    }()
}

/// Float32 results from two implementations of the same sums agree to rounding: the tolerance is
/// relative to the magnitude of the values compared, with an absolute floor for values near zero.
func expectClose(
    _ actual: [Float], _ expected: [Float], tolerance: Float = 2e-5, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)",
        sourceLocation: sourceLocation)
    let scale = max(expected.map(abs).max() ?? 0, 1)
    var worst: Float = 0, worstIndex = 0
    for (i, (a, e)) in zip(actual, expected).enumerated() where abs(a - e) > worst {
        worst = abs(a - e)
        worstIndex = i
    }
    #expect(
        worst <= tolerance * scale,
        "\(what): largest difference \(worst) at \(worstIndex) (scale \(scale))",
        sourceLocation: sourceLocation)
}

/// Loads values into a parameter tensor.
func load(_ parameter: Parameter, _ values: [Float]) {
    parameter.value.copy(from: Tensor(shape: parameter.value.shape, values: values))
}

/// `nn.MSELoss()` with its default mean reduction: L = mean((prediction - target)^2).
public final class MSELoss {
    private let gradient = Tensor(shape: [0])

    public init() {}

    /// The loss, and dL/dprediction in a tensor shaped like `prediction` (owned by the loss).
    /// prediction [N, ...] and target hold the same number of values. `meanOver` is the count the
    /// squared errors are averaged over: N by default, the whole batch's size when this is one part of it.
    public func callAsFunction(_ prediction: Tensor, _ target: Tensor, meanOver: Int? = nil) -> (
        loss: Float, gradient: Tensor
    ) {
        precondition(
            prediction.count == target.count,
            "MSELoss: \(prediction.count) predictions for \(target.count) targets")
        gradient.resize(prediction.shape)
        // snippet.mse
        // L = sum((prediction - target)^2) / n, dL/dprediction = 2 (prediction - target) / n
        let n = meanOver ?? prediction.count
        let scale = 2 / Float(n)
        var sum: Double = 0
        for i in 0..<prediction.count {
            let difference = prediction[i] - target[i]
            sum += Double(difference * difference)
            gradient[i] = scale * difference
        }
        return (Float(sum / Double(n)), gradient)
        // snippet.end
    }
}

/// The book's early stopping rule: a validation loss lower than every earlier one is an improvement
/// and resets the count; `patience` epochs in a row without one end the run.
public struct EarlyStopping: Sendable, Codable {
    /// nil: never stop, only track the best epoch.
    public let patience: Int?
    public private(set) var bestLoss = Float.infinity
    /// The epoch (from 1) of the lowest loss so far; 0 before any.
    public private(set) var bestEpoch = 0
    public private(set) var epochsWithoutImprovement = 0
    private var epoch = 0

    public init(patience: Int?) { self.patience = patience }

    /// Records one epoch's validation loss; says whether it improved and whether to stop now.
    public mutating func record(_ loss: Float) -> (improved: Bool, stop: Bool) {
        // snippet.rule
        epoch += 1
        let improved = loss < bestLoss
        if improved {
            bestLoss = loss
            bestEpoch = epoch
            epochsWithoutImprovement = 0
        } else {
            epochsWithoutImprovement += 1
        }
        return (improved, patience.map { epochsWithoutImprovement >= $0 } ?? false)
        // snippet.end
    }
}

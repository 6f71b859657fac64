import Foundation

/// What training one configuration gave: measured on the weights of its best validation epoch.
public struct SearchResult: Equatable, Sendable {
    public let index: Int
    public let epochs: Int
    public let bestEpoch: Int
    public let validationLoss: Double
    public let validationMAE: Double
    public let seconds: Double

    public init(
        index: Int, epochs: Int, bestEpoch: Int, validationLoss: Double, validationMAE: Double,
        seconds: Double
    ) {
        self.index = index
        self.epochs = epochs
        self.bestEpoch = bestEpoch
        self.validationLoss = validationLoss
        self.validationMAE = validationMAE
        self.seconds = seconds
    }

    public var configuration: SearchConfiguration { SearchSpace.book[index] }
}

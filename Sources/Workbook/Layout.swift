import ArgumentParser

/// How a window is fed to a recurrent model.
public enum SequenceLayout: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// As the book's notebooks do (`features.unsqueeze(1)`): one time step of `window - 1` features.
    case book
    /// As the chapter's prose describes: `window - 1` time steps of one value.
    case sequence

    /// The shape of one example, [T, C].
    public func exampleShape(features: Int) -> [Int] { self == .book ? [1, features] : [features, 1] }
    /// The first recurrent layer's input size.
    public func inputSize(features: Int) -> Int { self == .book ? features : 1 }
}

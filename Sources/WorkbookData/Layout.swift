/// How a window is fed to a recurrent model.
public enum SequenceLayout: String, CaseIterable, Sendable {
    /// As the book's notebooks do (`features.unsqueeze(1)`): one time step of `window - 1` features.
    case book
    /// As the chapter's prose describes: `window - 1` time steps of one value.
    case sequence

    // snippet.layout
    /// The shape of one example, [T, C]: `x.unsqueeze(1)` (book) or `x.unsqueeze(-1)` (sequence).
    public func exampleShape(features: Int) -> [Int] { self == .book ? [1, features] : [features, 1] }
    // snippet.end
    /// The first recurrent layer's input size.
    public func inputSize(features: Int) -> Int { self == .book ? features : 1 }
}

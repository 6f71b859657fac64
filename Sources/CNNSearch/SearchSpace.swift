import SequenceNet

/// One architecture of the chapter's search: convolution layers, a filter width, dense layers and a
/// learning rate. `index` is its place in the book's full space, which also fixes its seed, so a
/// configuration trains the same way whichever shard, worker or narrowed search runs it.
public struct SearchConfiguration: Equatable, Hashable, Sendable {
    public let index: Int
    /// Filters of each convolution layer, e.g. [64, 32].
    public let channels: [Int]
    public let kernelSize: Int
    public let denseSizes: [Int]
    public let learningRate: Double

    public var convolutionLayers: Int { channels.count }

    /// As the tables print it: `2 conv [64, 32], k5, dense [64, 32], lr 1e-4`.
    public var summary: String {
        let rate = SearchConfiguration.rate(learningRate)
        return "\(convolutionLayers) conv \(channels), k\(kernelSize), dense \(denseSizes), lr \(rate)"
    }

    static func rate(_ value: Double) -> String {
        value == 1e-3 ? "1e-3" : value == 1e-4 ? "1e-4" : "\(value)"
    }

    /// The model: each convolution (padding 'same') and dense layer followed by ReLU, then one output.
    /// Input [B, 1, features].
    public func model(features: Int, random: RandomSource) -> Sequential {
        // snippet.model
        var layers: [Layer] = []
        var inChannels = 1
        for outChannels in channels {
            let convolution = Conv1d(
                inChannels, outChannels, kernelSize: kernelSize, padding: .same, random: random)
            layers += [convolution, ReLU()]
            inChannels = outChannels
        }
        layers.append(Flatten())
        var width = features * inChannels
        for size in denseSizes {
            layers += [Linear(width, size, random: random), ReLU()]
            width = size
        }
        layers.append(Linear(width, 1, random: random))
        // snippet.end
        return Sequential(layers)
    }
}

/// The lists the chapter's search draws from, and the configurations they make.
public struct SearchSpace: Equatable, Sendable {
    // snippet.space
    public var convolutionLayers: [Int] = [1, 2]
    public var channelOptions: [[Int]] = [[32], [64], [32, 16], [64, 32]]
    public var kernelSizes: [Int] = [3, 5]
    public var denseOptions: [[Int]] = [[16], [32, 16], [64, 32]]
    public var learningRates: [Double] = [1e-3, 1e-4]
    // snippet.end

    /// The book's space.
    public init() {}

    /// Every combination in the book's order, keeping only channel lists as long as the layer count:
    /// 2 layer counts x 2 channel lists each x 2 widths x 3 dense stacks x 2 rates = 48.
    public static let book: [SearchConfiguration] = {
        // snippet.configurations
        let space = SearchSpace()
        var all: [SearchConfiguration] = []
        for layers in space.convolutionLayers {
            for channels in space.channelOptions where channels.count == layers {
                for kernel in space.kernelSizes {
                    for dense in space.denseOptions {
                        for rate in space.learningRates {
                            all.append(
                                SearchConfiguration(
                                    index: all.count, channels: channels, kernelSize: kernel,
                                    denseSizes: dense, learningRate: rate))
                        }
                    }
                }
            }
        }
        // snippet.end
        return all
    }()

    /// The book's configurations that use only the values in this (possibly narrowed) space.
    public var configurations: [SearchConfiguration] {
        Self.book.filter {
            convolutionLayers.contains($0.convolutionLayers) && channelOptions.contains($0.channels)
                && kernelSizes.contains($0.kernelSize) && denseOptions.contains($0.denseSizes)
                && learningRates.contains($0.learningRate)
        }
    }
}

extension SearchSpace {
    /// The values the command line can narrow, as a results file's header records them:
    /// `conv-layers 1,2; kernel-sizes 3,5; learning-rates 1e-3,1e-4` (channels and dense stacks are
    /// always the book's).
    public var narrowing: String {
        "conv-layers " + convolutionLayers.map(String.init).joined(separator: ",")
            + "; kernel-sizes " + kernelSizes.map(String.init).joined(separator: ",")
            + "; learning-rates " + learningRates.map(SearchConfiguration.rate).joined(separator: ",")
    }

    /// The space a `narrowing` line describes, or nil when the line is not one.
    public init?(narrowing text: String) {
        self.init()
        let parts = text.components(separatedBy: "; ")
        guard parts.count == 3 else { return nil }
        func values<T>(_ part: String, _ name: String, _ parse: (Substring) -> T?) -> [T]? {
            guard part.hasPrefix(name + " ") else { return nil }
            let items = part.dropFirst(name.count + 1).split(separator: ",", omittingEmptySubsequences: false)
            let parsed = items.compactMap(parse)
            return parsed.count == items.count && !parsed.isEmpty ? parsed : nil
        }
        guard let layers = values(parts[0], "conv-layers", { Int($0) }),
            let kernels = values(parts[1], "kernel-sizes", { Int($0) }),
            let rates = values(parts[2], "learning-rates", { Double($0) })
        else { return nil }
        (convolutionLayers, kernelSizes, learningRates) = (layers, kernels, rates)
    }
}

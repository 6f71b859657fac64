import ArgumentParser

/// The book's settings for one section that trains a model: the defaults of its command-line options.
public protocol BookSettings: BookEpochs {
    static var learningRate: Double { get }
    static var batchSize: Int { get }
}

/// The options of a section that trains one model at a time: the run's options (`RunOptions`) and the
/// training's. Each defaults to the book's value for that section.
public struct CommonOptions<Book: BookSettings>: ParsableArguments {
    @OptionGroup public var run: RunOptions<Book>

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Adam's learning rate; the default is the book's.", valueName: "rate"))
    public var lr: Double = Book.learningRate

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Examples per training batch; the default is the book's.", valueName: "n"))
    public var batchSize: Int = Book.batchSize

    @Option(
        help: ArgumentHelp(
            "Folder holding the data files, for sections that read them (default: data).",
            valueName: "path"))
    public var data: String?

    public init() {}

    public func validate() throws {
        guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number, got \(lr)") }
        try FloatOption.check(lr, option: "--lr")
        guard batchSize >= 1 else {
            throw ValidationError("--batch-size must be at least 1, got \(batchSize)")
        }
    }

    public var seed: UInt64 { run.seed }
    public var quick: Bool { run.quick }
    public var noProgress: Bool { run.noProgress }
    public var live: Bool { run.live }
    public var resolvedEpochs: Int { run.resolvedEpochs }
    public var outputFolder: String { run.outputFolder }
    /// Where data files are read from.
    public var dataFolder: String { data ?? DataFiles.defaultFolder() }

    public func prepareOutput() throws { try run.prepareOutput() }
    public func publish(_ figures: [Figure]) throws { try run.publish(figures) }
}

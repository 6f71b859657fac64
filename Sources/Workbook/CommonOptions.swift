import ArgumentParser
import WorkbookData
import WorkbookFigures

/// The book's settings for one section that trains a model: the defaults of its command-line options.
public protocol BookSettings: BookEpochs {
    static var learningRate: Double { get }
    static var batchSize: Int { get }
}

/// The options of a section that trains one model at a time: the run's options (`RunOptions`) and the
/// training's. Each defaults to the book's value for that section.
public struct CommonOptions<Book: BookSettings>: ParsableArguments {
    @OptionGroup public var run: RunOptions<Book>

    /// The rate as given; nil when the option was left out (`lr` is then the book's).
    @Option(
        name: .customLong("lr"), parsing: .unconditional,
        help: ArgumentHelp(
            "Adam's learning rate (default: the book's, \(Book.learningRate)).", valueName: "rate"))
    public var givenLearningRate: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Examples per training batch; the default is the book's.", valueName: "n"))
    public var batchSize: Int = Book.batchSize

    @Option(
        help: ArgumentHelp(
            "Folder holding the data files, for sections that read them (default: data).",
            valueName: "path"))
    public var data: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "A seed study: the same settings trained under N seeds (counting up from --seed) or under "
                + "the seeds listed (a,b,c). Writes <report>.study.json with each measure per seed and its "
                + "mean, spread and range, a loss figure with the band over seeds, and each seed's own "
                + "run under seeds/seed-<s>/. Parts of a study run anywhere (--seeds 42,43 --out A, "
                + "--seeds 44,45 --out B) are assembled by --merge-seeds A B [--out DIR] (see "
                + "--merge-seeds --help).", valueName: "N|list"))
    public var seeds: SeedChoice?

    public init() {}

    public func validate() throws {
        if let problem = seeds?.problem(first: seed) { throw ValidationError(problem) }
        guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number, got \(lr)") }
        try FloatOption.check(lr, option: "--lr")
        guard batchSize >= 1 else {
            throw ValidationError("--batch-size must be at least 1, got \(batchSize)")
        }
    }

    /// Adam's learning rate: the given one, else the book's.
    public var lr: Double { givenLearningRate ?? Book.learningRate }
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

import ArgumentParser
import Foundation

/// The book's settings for one section: the defaults of its command-line options.
public protocol BookSettings {
    static var epochs: Int { get }
    static var learningRate: Double { get }
    static var batchSize: Int { get }
    /// Epochs of a `--quick` run: a few seconds, enough to see the loss fall.
    static var quickEpochs: Int { get }
}

/// Options every section takes. Each defaults to the book's value for that section.
public struct CommonOptions<Book: BookSettings>: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Training epochs (book: \(Book.epochs); --quick: \(Book.quickEpochs)).",
                               valueName: "n"))
    public var epochs: Int?

    @Option(parsing: .unconditional, help: "Seed of the one random source behind initialisation, shuffling and dropout.")
    public var seed: UInt64 = 42

    @Flag(help: "A run of a few seconds (for tests and a first look); writes to a temporary folder unless --out is given.")
    public var quick = false

    @Option(help: ArgumentHelp("Folder for the run report and figures (default: figures for the chapter's own runs, "
                               + "runs for any other settings, a temporary folder with --quick).", valueName: "dir"))
    public var out: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Adam's learning rate; the default is the book's.", valueName: "rate"))
    public var lr: Double = Book.learningRate

    @Option(parsing: .unconditional, help: ArgumentHelp("Examples per training batch; the default is the book's.", valueName: "n"))
    public var batchSize: Int = Book.batchSize

    @Option(help: ArgumentHelp("Folder holding the data files, for sections that read them (default: data).", valueName: "path"))
    public var data: String?

    @Flag(help: "Print no progress lines.")
    public var noProgress = false

    @Flag(help: ArgumentHelp("Redraw the loss curves after each epoch with gnuplot: in a window when there is "
                             + "a display, else as text in place of the progress lines. Needs gnuplot; "
                             + "training never waits for it."))
    public var live = false

    @Flag(inversion: .prefixedNo, help: ArgumentHelp(
        "Draw the figures with gnuplot; with --figures a figure that cannot be drawn is an error, with --no-figures only their scripts and data are written (default: draw when gnuplot is installed)."))
    public var figures: Bool?

    public init() {}

    public func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number, got \(lr)") }
        try FloatOption.check(lr, option: "--lr")
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        try checkFiguresCanBeDrawn()
        _ = outputFolder    // says first thing when a run writes into runs/ (see ChapterRuns)
    }

    /// Epochs to run: the given number, else the quick or the book's count.
    public var resolvedEpochs: Int { epochs ?? (quick ? Book.quickEpochs : Book.epochs) }

    /// Where reports and figures go.
    public var outputFolder: String {
        if let out { return out }
        if quick { return (NSTemporaryDirectory() as NSString).appendingPathComponent("ch11-quick") }
        return ChapterRuns.defaultFolder
    }

    /// Where data files are read from.
    public var dataFolder: String { data ?? DataFiles.defaultFolder() }
}

import ArgumentParser
import WorkbookData
import WorkbookFigures

/// How long a section trains by the book: the defaults of `--epochs` and `--quick`.
public protocol BookEpochs {
    static var epochs: Int { get }
    /// Epochs of a `--quick` run: a few seconds, enough to see the loss fall.
    static var quickEpochs: Int { get }
}

/// The options of every section that trains: how long, from which seed, how it shows progress and where
/// it writes. `CommonOptions` adds what a single training needs; the search takes these alone.
public struct RunOptions<Book: BookEpochs>: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Training epochs (book: \(Book.epochs); --quick: \(Book.quickEpochs)).", valueName: "n"))
    public var epochs: Int?

    /// The seed as given; nil when the option was left out (`seed` is then 42).
    @Option(
        name: .customLong("seed"), parsing: .unconditional,
        help: ArgumentHelp(
            "Seed of the one random source behind initialisation, shuffling and dropout (default: 42).",
            valueName: "seed"))
    public var givenSeed: UInt64?

    @Flag(
        help: ArgumentHelp(
            "A run of a few seconds (for tests and a first look); writes to a temporary "
                + "folder unless --out is given."))
    public var quick = false

    @Flag(help: "Print no progress lines.")
    public var noProgress = false

    @Flag(
        help: ArgumentHelp(
            "Redraw the progress so far with gnuplot (the loss curves after each epoch; "
                + "the search's ranking as each configuration finishes): in a window when there "
                + "is a display, else as text in place of the progress lines. Needs gnuplot; "
                + "training never waits for it."))
    public var live = false

    @OptionGroup public var output: OutputOptions

    /// For Tools/reference/product_shapes.sh: adds every product shape the run calls to this JSON file.
    @Option(help: .hidden) public var productShapes: String?

    public init() {}

    public func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
    }

    public var seed: UInt64 { givenSeed ?? 42 }
    /// Epochs to run: the given number, else the quick or the book's count.
    public var resolvedEpochs: Int { epochs ?? (quick ? Book.quickEpochs : Book.epochs) }
    /// Where reports and figures go (see `OutputOptions.folder`).
    public var outputFolder: String { output.folder(quick: quick) }

    /// Says where the run writes and checks that it can (see `OutputOptions.prepare`).
    public func prepareOutput(lock: Bool = true) throws { try output.prepare(quick: quick, lock: lock) }

    /// Writes and draws the figures into the output folder (see `OutputOptions.publish`).
    public func publish(_ figures: [Figure]) throws { try output.publish(figures, into: outputFolder) }
}

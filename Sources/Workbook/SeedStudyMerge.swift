import ArgumentParser
import Foundation
import WorkbookData
import WorkbookFigures

/// `<section> --merge-seeds PART... [--seeds N|list] [--out DIR]`: the parts of a seed study, each the
/// folder of a `--seeds LIST --out PART` run made anywhere, assembled into the study one run over all
/// their seeds writes (see `SeedStudyParts`). Every setting comes from the parts, so a section given
/// `--merge-seeds` runs this small command instead of its own (`runSection`): an option that would
/// choose what to train is refused, not silently ignored.
struct SeedStudyMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "<section> --merge-seeds",
        abstract: "Assemble a seed study from its parts, each made by `--seeds LIST --out PART`.",
        discussion: """
            Each part is a folder a run with --seeds wrote: its <report>.study.json and each seed's run \
            under seeds/seed-<s>/. The merged study is the one a single run over all the parts' seeds \
            writes, with each seed's run copied beside it and its loss figure. Parts of other sections, \
            settings, data or product path are refused, and so is a seed in two parts or a seed missing: \
            between the lowest and the highest the parts hold, or from --seeds when it is given. The \
            settings come from the parts, so no option that chooses what to train is taken.
            """)

    @Option(
        name: [.customLong("merge-seeds"), .customLong("merge")], parsing: .upToNextOption,
        help: ArgumentHelp("The parts' folders (--merge is the same option).", valueName: "part"))
    var parts: [String] = []

    @Option(
        help: ArgumentHelp(
            "The study's seeds: N counting up from --seed, or a list; every one must be in a part.",
            valueName: "N|list"))
    var seeds: SeedChoice?

    @Option(
        name: .customLong("seed"),
        help: ArgumentHelp("The first seed of --seeds N (default 42).", valueName: "seed"))
    var givenSeed: UInt64?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if parts.isEmpty { throw ValidationError("--merge-seeds needs the parts' folders") }
        if let problem = seeds?.problem(first: givenSeed ?? 42) { throw ValidationError(problem) }
        if givenSeed != nil && seeds?.count == nil {
            throw ValidationError("--seed goes with --seeds N, the count it starts")
        }
    }

    func run() throws {
        try output.prepare()
        let folder = output.folder()
        let merged = try SeedStudyParts.read(parts, expected: seeds?.seeds(from: givenSeed ?? 42))
        for study in merged.studies {
            for run in merged.runs[study.section]! {
                let copy = (SeedStudyReport.seedFolder(run.report.seed, in: folder) as NSString)
                    .appendingPathComponent((run.file as NSString).lastPathComponent)
                if Self.samePath(copy, run.file) { continue }
                try AtomicFile.write(run.bytes, to: copy)
            }
            print(study.summary)
            print("Seed study: \(try study.write(toFolder: folder)) (merged from \(parts.count) parts)")
        }
        try output.publish(merged.studies.map(\.lossFigure), into: folder)
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath().path
            == URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Whether `arguments` ask for a merge: `--merge-seeds` or `--merge`, alone or as `--merge=PART`. (The
    /// search's own `--merge` ranks the shards of one search: it merges its seed studies with
    /// `--merge-seeds` only, and never comes here.)
    static func isAsked(in arguments: [String]) -> Bool {
        arguments.contains { word in
            ["--merge-seeds", "--merge"].contains { word == $0 || word.hasPrefix($0 + "=") }
        }
    }
}

/// A section whose seed study is not a `SeedStudyReport` (the search's) and which therefore merges its
/// parts itself: `runSection` leaves its `--merge-seeds` to it.
public protocol MergesItsOwnSeedStudies {}

import Foundation

/// The runs behind what the chapters show. `figures/chapter-runs.txt` lists their commands, one per
/// line as `NAME: command`, and `make figures` runs exactly those. A run given no `--out` writes into
/// `figures/` only
/// when it is one of them; any other run (an experiment, a different epoch count) writes into `runs/`,
/// so that trying something never replaces a figure or report the chapters quote.
public enum ChapterRuns {
    public static let listPath = "figures/chapter-runs.txt"
    /// The seed studies behind the chapters' comparisons (`make studies`), which write there too.
    public static let studyListPath = "figures/chapter-studies.txt"
    public static let chapterFolder = "figures", experimentFolder = "runs"

    /// Options that change where or how a run reports, not what it computes (the value-taking ones
    /// are dropped with their value).
    static let presentationFlags: Set = ["--figures", "--no-figures", "--no-progress", "--live", "--resume"]
    static let presentationOptions: Set = ["--out", "--data", "--workers"]

    /// This process's folder when `--out` is not given, decided once from its command line.
    public static var defaultFolder: String { decided.folder }
    /// Why this process writes into runs/ (nil for figures/), said when a run starts
    /// (`OutputOptions.prepare`).
    public static var note: String? { decided.note }
    /// Where the pages' own run of this process's command keeps its reports: its list line's `--out`,
    /// else figures/; for a command the lists do not hold, figures/ (where a shorter or longer run of
    /// the chapter's settings is still compared epoch for epoch).
    public static var pagesFolder: String { decided.pagesFolder ?? chapterFolder }

    private static let decided = folder(
        for: CommandLine.arguments,
        listed: (try? String(contentsOfFile: listPath, encoding: .utf8)).map { runs in
            runs + "\n" + ((try? String(contentsOfFile: studyListPath, encoding: .utf8)) ?? "")
        })

    /// One line of a list: `NAME: command`, the name being what pages and the timings record call it
    /// (`figures/chapter-timings.json#runs.NAME.seconds`).
    public struct Entry: Equatable, Sendable {
        public let name: String?
        /// The command's words, as typed.
        public let words: [String]
        /// The command without `--out` and the presentation options, words joined by single spaces.
        public var essentials: String { ChapterRuns.essentials(of: words).joined(separator: " ") }
        /// Its own `--out`: a "Try this" run kept beside the chapter's runs.
        public var out: String? {
            words.firstIndex(of: "--out").flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
        }
    }

    /// The entries of a list's text (comments and blank lines skipped).
    public static func entries(_ list: String) -> [Entry] {
        list.split(whereSeparator: \.isNewline).compactMap { line in
            var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard let first = words.first, !first.hasPrefix("#") else { return nil }
            var name: String? = nil
            if first.hasSuffix(":") {
                name = String(first.dropLast())
                words.removeFirst()
            }
            return words.isEmpty ? nil : Entry(name: name, words: words)
        }
    }

    /// figures/ (or the line's own --out) for a listed command, or when there is no list: outside the
    /// project; else runs/ with a note naming the listed commands of the same program.
    static func folder(for arguments: [String], listed list: String?) -> (
        folder: String, note: String?, pagesFolder: String?
    ) {
        guard let list else { return (chapterFolder, nil, nil) }
        let program = ((arguments.first ?? "") as NSString).lastPathComponent
        let command = ([program] + essentials(of: Array(arguments.dropFirst()))).joined(separator: " ")
        let listed = entries(list)
        if let entry = listed.first(where: { $0.essentials == command }) {
            let folder = entry.out ?? chapterFolder
            return (folder, nil, folder)
        }
        let ours = listed.map(\.essentials).filter { $0 == program || $0.hasPrefix(program + " ") }
        var note = "Writing to \(experimentFolder)/: \(chapterFolder)/ keeps the chapter's own runs"
        if !ours.isEmpty { note += " (\(ours.map { "`\($0)`" }.joined(separator: ", ")))" }
        note += "; --out \(chapterFolder) would replace them."
        return (experimentFolder, note, nil)
    }

    /// The arguments that decide what a run computes, `--name=value` split in two.
    static func essentials(of arguments: [String]) -> [String] {
        let split = arguments.flatMap { argument -> [String] in
            guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else {
                return [argument]
            }
            return [String(argument[..<equals]), String(argument[argument.index(after: equals)...])]
        }
        var kept: [String] = []
        var index = 0
        while index < split.count {
            let argument = split[index]
            if presentationOptions.contains(argument) { index += 2; continue }
            if !presentationFlags.contains(argument) { kept.append(argument) }
            index += 1
        }
        return kept
    }
}

import Foundation

/// The runs behind what the chapters show. `figures/chapter-runs.txt` lists their commands, one per
/// line, and `make figures` runs exactly those. A run given no `--out` writes into `figures/` only
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

    private static let decided = folder(
        for: CommandLine.arguments,
        listed: (try? String(contentsOfFile: listPath, encoding: .utf8)).map { runs in
            runs + "\n" + ((try? String(contentsOfFile: studyListPath, encoding: .utf8)) ?? "")
        })

    /// figures/ for a listed command (or when there is no list: outside the project), else runs/ with a
    /// note naming the listed commands of the same program.
    static func folder(for arguments: [String], listed list: String?) -> (folder: String, note: String?) {
        guard let list else { return (chapterFolder, nil) }
        let program = ((arguments.first ?? "") as NSString).lastPathComponent
        let command = ([program] + essentials(of: Array(arguments.dropFirst()))).joined(separator: " ")
        let listed = list.split(whereSeparator: \.isNewline)
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        if listed.contains(command) { return (chapterFolder, nil) }
        let ours = listed.filter { $0 == program || $0.hasPrefix(program + " ") }
        var note = "Writing to \(experimentFolder)/: \(chapterFolder)/ keeps the chapter's own runs"
        if !ours.isEmpty { note += " (\(ours.map { "`\($0)`" }.joined(separator: ", ")))" }
        note += "; --out \(chapterFolder) would replace them."
        return (experimentFolder, note)
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

import Foundation

/// The seed studies `figures/chapter-studies.txt` lists in a folder of their own (a line with
/// `--out DIR`) that have not been run yet: their tags write `Verdicts.pending` instead of failing,
/// so that a page can name a new study before `make studies` makes it, and `chapter-sync --write`
/// alone fills the page in afterwards. Strict on purpose: the file must lie in such a line's folder
/// and begin with its program's name, and the folder must hold no study yet (once it does, a name
/// that is still missing is a typo and fails as any unreadable report does).
struct PendingStudies {
    let root: URL
    static let list = "figures/chapter-studies.txt"

    /// Whether `path` (from the package root) is such a study's report.
    func contains(_ path: String) -> Bool {
        let file = (path as NSString).lastPathComponent
        let folder = Self.normalized((path as NSString).deletingLastPathComponent)
        guard file.hasSuffix(".study.json"),
            !FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path),
            let text = try? String(contentsOf: root.appendingPathComponent(Self.list), encoding: .utf8)
        else { return false }
        let listed = Self.lines(text).contains { program, out in
            Self.normalized(out) == folder && (file.hasPrefix(program + ".") || file.hasPrefix(program + "-"))
        }
        guard listed else { return false }
        let names =
            (try? FileManager.default.contentsOfDirectory(
                atPath: root.appendingPathComponent(folder).path)) ?? []
        return !names.contains { $0.hasSuffix(".study.json") }
    }

    /// Each line's program and `--out` folder (lines without --out write into figures/, with every
    /// other study: never pending).
    static func lines(_ text: String) -> [(program: String, out: String)] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            var words = line.split(separator: " ").map(String.init)
            guard let first = words.first, !first.hasPrefix("#") else { return nil }
            if first.hasSuffix(":") { words.removeFirst() }
            guard let program = words.first, let flag = words.firstIndex(of: "--out"), flag + 1 < words.count
            else { return nil }
            return (program, words[flag + 1])
        }
    }

    static func normalized(_ folder: String) -> String {
        var folder = folder
        while folder.hasPrefix("./") { folder.removeFirst(2) }
        while folder.hasSuffix("/") { folder.removeLast() }
        return folder
    }
}

extension ChapterSync {
    /// The text a verdict or comparison tag asks for (see `Verdicts`).
    func expectedClaim(kind: String, _ spec: String, reports: inout [String: Any]) -> Expected {
        let pending = PendingStudies(root: root)
        var cache = reports
        defer { reports = cache }
        let earlier = EarlierVerdicts(document: report(EarlierVerdicts.path, reports: &cache))
        let result = Verdicts.text(
            kind: kind, spec: spec, document: { path in self.report(path, reports: &cache) },
            pending: pending.contains, earlier: earlier)
        switch result {
        case .success(let text): return .success(text)
        case .failure(let problem): return .failure(problem.message)
        }
    }
}

import Foundation

/// Regions of source files marked for the chapters, in each language's own line comment:
///
///     // snippet.model                # snippet.model
///     ...lines shown in the chapter...
///     // snippet.end                  # snippet.end
///
/// `#` in Python files (`.py`, the book's way in `Tools/book_pytorch/`), `//` everywhere else.
/// The lines between the markers are the listing, with their common indentation removed. Regions do
/// not nest: a marker inside a region means its `snippet.end` is missing, and the file is refused.
enum Snippets {
    /// The comment that opens a marker line in `file`: `# snippet.` in Python, `// snippet.` elsewhere.
    static func marker(forFile file: String) -> String {
        file.hasSuffix(".py") ? "# snippet." : "// snippet."
    }

    /// Every region of `source` (the text of `file`, named in problems) by name, or what is wrong with
    /// the file's markers.
    static func regions(in source: String, file: String)
        -> (regions: [String: String], problems: [ChapterSync.Drift])
    {
        let prefix = marker(forFile: file)
        var regions: [String: String] = [:]
        var problems: [ChapterSync.Drift] = []
        var open: (name: String, line: Int, lines: [Substring])? = nil
        func problem(_ line: Int, _ text: String) {
            problems.append(ChapterSync.Drift(file: file, line: line, problem: text, fixable: false))
        }
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let marker = line.trimmingCharacters(in: .whitespaces)
            guard marker.hasPrefix(prefix) else {
                open?.lines.append(line)
                continue
            }
            let name = String(marker.dropFirst(prefix.count))
            if let region = open {
                if name == "end" {
                    if regions.updateValue(dedent(region.lines), forKey: region.name) != nil {
                        problem(region.line, "a second region named snippet.\(region.name)")
                    }
                } else {
                    problem(
                        region.line,
                        "snippet.\(region.name) has no \(prefix)end before "
                            + "\(prefix)\(name) at line \(index + 1) (regions do not nest)")
                }
                // After a missing end, the marker that revealed it opens the next region.
                open = name == "end" ? nil : (name, index + 1, [])
            } else if name == "end" {
                problem(index + 1, "\(prefix)end without a region open")
            } else {
                open = (name, index + 1, [])
            }
        }
        if let region = open { problem(region.line, "snippet.\(region.name) has no \(prefix)end") }
        return (regions, problems)
    }

    private static func dedent(_ lines: [Substring]) -> String {
        let indents = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix { $0 == " " }.count }
        let common = indents.min() ?? 0
        return lines.map { $0.count >= common ? String($0.dropFirst(common)) : "" }.joined(separator: "\n")
    }
}

import Foundation

/// What every page owes a reader beyond correct numbers: links that lead somewhere, a visible source
/// file named above each listing, and on a section page (`11-NN-*.md`) the way to the previous and
/// next page. None of it can be mended by `--write`: each needs words.
struct PageShape {
    let root: URL
    /// The page, relative to the root (`chapters/11-01-convolutions.md`).
    let file: String

    /// Every problem of the page `lines`, whose listings are `listings`.
    func problems(lines: [String], listings: [PageStructure.Listing]) -> [ChapterSync.Drift] {
        var found: [ChapterSync.Drift] = []
        func problem(_ line: Int, _ text: String) {
            found.append(ChapterSync.Drift(file: file, line: line + 1, problem: text, fixable: false))
        }
        for listing in listings.sorted(by: { $0.include < $1.include }) {
            let path = String(listing.target.split(separator: "#", maxSplits: 1)[0])
            let above = lines[..<listing.include].last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if above?.contains("`\(path)`") != true {
                problem(listing.include, "the listing from \(path) has no caption naming `\(path)` above it")
            }
        }
        let fenced = Self.fencedLines(lines)
        for (index, line) in lines.enumerated() where !fenced.contains(index) {
            for target in Self.links(in: line) {
                if let why = brokenLink(target) { problem(index, "the link to \(target) \(why)") }
            }
            for path in Self.fileReferences(in: line)
            where !FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) {
                problem(index, "`\(path)` names a file the repository does not hold")
            }
        }
        if let (previous, next) = neighbours() {
            let navigation = lines.lastIndex { $0.hasPrefix("Previous: ") && $0.contains(" Next: ") }
            let links = navigation.map { Self.links(in: lines[$0]).map { $0.split(separator: "#")[0] } } ?? []
            if links.first.map(String.init) != previous || links.last.map(String.init) != next {
                problem(
                    navigation ?? lines.count - 1,
                    "a section page ends with a line \"Previous: [...](\(previous)) · Next: [...](\(next))\"")
            }
        }
        return found
    }

    /// The pages before and after a section page in name order (the index before the first, the claims
    /// page after the last); nil for a page that is not a section.
    func neighbours() -> (previous: String, next: String)? {
        let name = (file as NSString).lastPathComponent
        guard Self.isSection(name) else { return nil }
        let folder = root.appendingPathComponent((file as NSString).deletingLastPathComponent)
        let sections = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter(Self.isSection).sorted()
        guard let position = sections.firstIndex(of: name) else { return nil }
        let previous = position > 0 ? sections[position - 1] : "README.md"
        let next = position + 1 < sections.count ? sections[position + 1] : "claims.md"
        return (previous, next)
    }

    static func isSection(_ name: String) -> Bool {
        name.hasSuffix(".md") && name.hasPrefix("11-") && name.count > 6
            && name.dropFirst(3).prefix(2).allSatisfy(\.isNumber)
    }

    /// Why a relative link does not resolve (no such file, or no such heading in a page); nil if it does.
    func brokenLink(_ target: String) -> String? {
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(
            String.init)
        let folder = root.appendingPathComponent((file as NSString).deletingLastPathComponent)
        let page =
            parts[0].isEmpty ? root.appendingPathComponent(file) : folder.appendingPathComponent(parts[0])
        guard FileManager.default.fileExists(atPath: page.path) else { return "leads to no file" }
        guard parts.count == 2, page.pathExtension == "md" else { return nil }
        let text = (try? String(contentsOf: page, encoding: .utf8)) ?? ""
        let anchors = Set(
            text.components(separatedBy: "\n").filter { $0.hasPrefix("#") }.map(Self.anchor(ofHeading:)))
        return anchors.contains(parts[1]) ? nil : "names no heading of \(parts[0].isEmpty ? file : parts[0])"
    }

    /// The anchor a Markdown renderer (GitHub's) gives a heading: lower case, punctuation dropped,
    /// spaces as hyphens.
    static func anchor(ofHeading line: String) -> String {
        let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
        return String(
            title.compactMap { c -> Character? in
                if c == " " { return "-" }
                return c.isLetter || c.isNumber || c == "-" || c == "_" ? c : nil
            })
    }

    /// The relative targets of the inline links `[text](target)` in a line (web addresses left out).
    static func links(in line: String) -> [String] {
        var targets: [String] = []
        var rest = Substring(line)
        while let open = rest.range(of: "](") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: ")") else { break }
            let target = String(after[..<close])
            if !target.contains("://"), !target.hasPrefix("mailto:"), !target.contains(" ") {
                targets.append(target)
            }
            rest = after[close...]
        }
        return targets
    }

    /// Folders of the repository whose files prose names in code spans (`figures/ch11-cnn.metrics.json`).
    static let repositoryFolders = ["Sources/", "Tests/", "Tools/", "figures/", "data/", "chapters/"]

    /// The repository paths a line names in code spans, a `#region` or `:line` dropped; spans with a
    /// placeholder (`<report>`, `*`, `NAME`, `N`) or a shell command are patterns, not files.
    static func fileReferences(in line: String) -> [String] {
        let spans = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map(\.element)
        return spans.compactMap { span -> String? in
            guard repositoryFolders.contains(where: span.hasPrefix), !span.contains(" "),
                !span.contains(where: { "<>*{}…".contains($0) }), !span.contains("NAME"),
                !span.contains("-N."), !span.contains("...")
            else { return nil }
            var path = span.split(separator: "#", maxSplits: 1)[0]
            if let colon = path.firstIndex(of: ":") { path = path[..<colon] }
            while path.hasSuffix(".") || path.hasSuffix(",") { path = path.dropLast() }
            return String(path)
        }
    }

    /// The lines inside fenced blocks, where `](` is code, not a link.
    static func fencedLines(_ lines: [String]) -> Set<Int> {
        var inside = false, result = Set<Int>()
        for (index, line) in lines.enumerated() {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                inside.toggle()
                result.insert(index)
            } else if inside {
                result.insert(index)
            }
        }
        return result
    }
}

import Foundation

/// Keeps the chapters' listings and numbers equal to the code and the run reports.
///
/// A listing is a fenced block under an include comment naming a marked region of a source file (a
/// Swift source's `// snippet.NAME` region, or a Python script's `# snippet.NAME`; see `Snippets`):
///
///     <!-- snippet: Sources/ch11-cnn/main.swift#model -->
///     ```swift
///     ...
///     ```
///
/// A number (or a text such as a configuration's name) is written between a value comment, naming a
/// run report and a key, and `<!-- /value -->`:
///
///     the CNN reached <!-- value: figures/ch11-cnn.metrics.json#val_mae decimals=2 -->4.68<!-- /value -->
///
/// A claim's verdict, and a table row of the numbers behind it, are computed from two study measures
/// (see `Verdicts`), `A` and `B` standing for `PATH#KEY`s such as
/// `figures/ch11-cnn.study.json#measures.val_mae`:
///
///     <!-- verdict: A < B -->*holds*<!-- /verdict -->
///
/// Each page is also held to its shape (`PageShape`): links resolve, listings have a visible caption
/// naming their source, a section page links its neighbours.
///
/// `check` lists every place where a chapter differs; `rewrite` gives the text with every listing and
/// number replaced by what the sources and reports now say. Both first parse the page's structure and
/// the marked regions of the sources it includes, and throw `Unparseable` when either is broken.
public struct ChapterSync {
    /// The package root, against which the paths in comments are resolved.
    public let root: URL

    public init(root: URL) { self.root = root }

    /// One place where a chapter and its sources disagree.
    public struct Drift: CustomStringConvertible, Equatable, Sendable {
        public let file: String
        public let line: Int
        public let problem: String
        /// False when `--write` cannot mend it (a missing snippet or report key).
        public let fixable: Bool
        /// For a number, the run report it comes from.
        public var report: String? = nil
        /// A drifted timing (see `ReportValues.isTiming`): a reader's own run differs here by nature.
        public var isTiming = false
        public var description: String { "\(file):\(line): \(problem)" }
    }

    /// A page, or a source it includes, whose structure cannot be parsed: nothing may be rewritten.
    public struct Unparseable: Error, CustomStringConvertible {
        public let problems: [Drift]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    /// The Markdown files of a chapters folder, in name order.
    public func chapterFiles(in folder: String = "chapters") -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path))
            ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().map { "\(folder)/\($0)" }
    }

    /// Every drift of one chapter file (a path relative to the root).
    public func check(_ file: String) throws -> [Drift] { try rewrite(file).drifts }

    /// The chapter's text with listings and numbers brought up to date, and what differed.
    public func rewrite(_ file: String) throws -> (text: String, drifts: [Drift]) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(
            atPath: root.appendingPathComponent(file).path, isDirectory: &isFolder),
            isFolder.boolValue
        {
            throw Unparseable(problems: [
                Drift(
                    file: file, line: 1,
                    problem:
                        "is a folder named like a page; rename it without .md, or move it out of chapters/",
                    fixable: false)
            ])
        }
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let structure = PageStructure(lines: lines, file: file)
        var problems = structure.problems
        var sources: [String: [String: String]] = [:]
        for listing in structure.listings.values.sorted(by: { $0.include < $1.include }) {
            let path = String(listing.target.split(separator: "#", maxSplits: 1)[0])
            guard sources[path] == nil,
                let source = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            else {
                continue  // an unreadable source is a drift of its listing, reported below
            }
            let (regions, sourceProblems) = Snippets.regions(in: source, file: path)
            sources[path] = regions
            problems += sourceProblems
        }
        guard problems.isEmpty else { throw Unparseable(problems: problems) }

        var output: [String] = []
        var drifts: [Drift] = []
        var reports: [String: Any] = [:]
        var index = 0
        while index < lines.count {
            if let listing = structure.listings[index] {
                output += lines[listing.include...listing.open]
                let body = lines[(listing.open + 1)..<listing.close].joined(separator: "\n")
                let synced = syncListing(listing, body: body, sources: sources, file: file, drifts: &drifts)
                output += synced.isEmpty ? [] : synced.components(separatedBy: "\n")
                output.append(lines[listing.close])
                index = listing.close + 1
                continue
            }
            // A fenced block that is not a listing is an example: its tags are shown, not synced.
            output.append(
                structure.fenced.contains(index)
                    ? lines[index]
                    : syncValues(
                        in: lines[index], line: index + 1, file: file, reports: &reports,
                        drifts: &drifts))
            index += 1
        }
        drifts += PageShape(root: root, file: file).problems(
            lines: lines, listings: Array(structure.listings.values))
        return (output.joined(separator: "\n"), drifts)
    }

    /// The argument of a whole-line `<!-- kind: argument -->` comment.
    static func directive(_ kind: String, in line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let prefix = "<!-- \(kind): ", suffix = " -->"
        guard trimmed.hasPrefix(prefix), trimmed.hasSuffix(suffix) else { return nil }
        return String(trimmed.dropFirst(prefix.count).dropLast(suffix.count)).trimmingCharacters(
            in: .whitespaces)
    }

    /// The listing's text as the source now has it (`body` when it cannot be found, with a drift).
    private func syncListing(
        _ listing: PageStructure.Listing, body: String, sources: [String: [String: String]],
        file: String, drifts: inout [Drift]
    ) -> String {
        let lineNumber = listing.include + 1
        let parts = listing.target.split(separator: "#", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            drifts.append(
                Drift(
                    file: file, line: lineNumber,
                    problem: "snippet comment must name PATH#NAME, got \(listing.target)", fixable: false))
            return body
        }
        guard let regions = sources[parts[0]] else {
            drifts.append(
                Drift(file: file, line: lineNumber, problem: "cannot read \(parts[0])", fixable: false))
            return body
        }
        guard let current = regions[parts[1]] else {
            drifts.append(
                Drift(
                    file: file, line: lineNumber,
                    problem: "\(parts[0]) has no snippet named \(parts[1])", fixable: false))
            return body
        }
        if current != body {
            drifts.append(
                Drift(
                    file: file, line: lineNumber, problem: "listing differs from \(listing.target)",
                    fixable: true))
        }
        return current
    }

    /// Checks (and replaces) every value and verdict tag of one line, whose tags `PageStructure` has
    /// already found well formed.
    private func syncValues(
        in line: String, line lineNumber: Int, file: String, reports: inout [String: Any],
        drifts: inout [Drift]
    ) -> String {
        guard case .success(let pairs) = Tags.pairs(in: line), !pairs.isEmpty else { return line }
        var result = "", done = line.startIndex
        for pair in pairs {
            let expected =
                pair.kind == "value"
                ? expectedValue(pair.spec, reports: &reports)
                : expectedClaim(kind: pair.kind, pair.spec, reports: &reports)
            result += line[done..<pair.text.lowerBound]
            switch expected {
            case .success(let text) where text != pair.written:
                drifts.append(drift(pair, text: text, file: file, line: lineNumber, reports: &reports))
                result += text
            case .success:
                result += pair.written
            case .failure(let message):
                drifts.append(Drift(file: file, line: lineNumber, problem: message, fixable: false))
                result += pair.written
            }
            done = pair.text.upperBound
        }
        return result + line[done...]
    }

    /// The drift of a tag whose written text is not `text`, the one its spec asks for.
    private func drift(
        _ pair: Tags.Pair, text: String, file: String, line: Int, reports: inout [String: Any]
    ) -> Drift {
        guard pair.kind == "value" else {
            return Drift(
                file: file, line: line,
                problem: "the \(pair.kind) on \(pair.spec) is \(text), the text says \(pair.written)",
                fixable: true, report: pair.spec.split(separator: "#").first.map(String.init))
        }
        let target =
            pair.spec.split(separator: " ").first.map { $0.split(separator: "#", maxSplits: 1) } ?? []
        let report = target.first.map(String.init)
        let isTiming = target.count == 2 && ReportValues.isTiming(String(target[1]), file: String(target[0]))
        // A number that moved is most often a run made on another product path: name it.
        let madeOn = isTiming ? "" : report.map { productPath(of: $0, reports: &reports) } ?? ""
        var drift = Drift(
            file: file, line: line,
            problem: "\(pair.spec) is \(text), the text says \(pair.written)\(madeOn)",
            fixable: true, report: report)
        drift.isTiming = isTiming
        return drift
    }

    /// The parsed JSON of a report, read once per page.
    func report(_ path: String, reports: inout [String: Any]) -> Any? {
        if let json = reports[path] { return json }
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
            let json = try? JSONSerialization.jsonObject(with: data)
        else {
            return nil
        }
        reports[path] = json
        return json
    }

    enum Expected { case success(String), failure(String) }

    /// " (report made on …)": the product path a report records (`ProductPath` in the model library),
    /// or that it records none.
    func productPath(of path: String, reports: inout [String: Any]) -> String {
        guard let json = report(path, reports: &reports) as? [String: Any] else { return "" }
        guard let products = json["product_path"] as? [String: Any],
            let library = products["library"] as? String, let version = products["version"] as? String,
            let isa = products["isa"] as? String
        else { return " (\(path) records no product path)" }
        return " (\(path) was made on \(library) \(version), \(isa.uppercased()) kernels)"
    }

    /// The text a value comment asks for: `PATH#KEY`, optionally `decimals=N` (default 2) and `plain`
    /// (no thousands separators: a number as a program prints it, in a quote of its output).
    private func expectedValue(_ spec: String, reports: inout [String: Any]) -> Expected {
        let words = spec.split(separator: " ")
        guard let target = words.first, target.contains("#") else {
            return .failure("value comment must name PATH#KEY, got \(spec)")
        }
        var decimals = 2, grouped = true
        for word in words.dropFirst() {
            if word == "plain" {
                grouped = false
                continue
            }
            guard word.hasPrefix("decimals="), let n = Int(word.dropFirst("decimals=".count)),
                (0...12).contains(n)
            else {
                return .failure("unknown value option \(word) in \(spec)")
            }
            decimals = n
        }
        let parts = target.split(separator: "#", maxSplits: 1).map(String.init)
        guard let json = report(parts[0], reports: &reports) else {
            // A study listed but not run yet (see `PendingStudies`) has no numbers to show yet.
            if PendingStudies(root: root).contains(parts[0]) { return .success(Verdicts.missing) }
            return .failure("cannot read the run report \(parts[0])")
        }
        guard
            let text = try? ReportValues.text(at: parts[1], in: json, decimals: decimals, grouped: grouped)
        else {
            return .failure("\(parts[0]) has no number at \(parts[1])")
        }
        return .success(text)
    }
}

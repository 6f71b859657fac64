/// The value and verdict tags of one line of prose, read strictly: a line is either a sequence of
/// whole `<!-- KIND: spec -->text<!-- /KIND -->` pairs, or refused. A loose reading let a tag whose
/// closing comment was lost run on to a later tag's closing comment, and `--write` then replaced the
/// prose in between with one number.
enum Tags {
    /// The kinds of tag whose text `chapter-sync` writes.
    static let kinds = ["value", "verdict", "comparison"]

    /// One well-formed pair: its kind, its spec, and where its text lies in the line.
    struct Pair {
        let kind: String
        let spec: String
        /// From the `<` of the opening comment to the end of the closing one.
        let whole: Range<String.Index>
        let text: Range<String.Index>
        let written: String
    }

    /// The pairs of `line` in order, or why the line cannot be read (with the column it concerns).
    /// Comments other than tags, and anything inside an inline code span, are left alone.
    static func pairs(in line: String) -> Result<[Pair], TagError> {
        let code = codeSpans(in: line)
        var pairs: [Pair] = []
        var open: (kind: String, spec: String, start: String.Index, textStart: String.Index)? = nil
        var search = line.startIndex
        while let start = line[search...].range(of: "<!--") {
            if code.contains(where: { $0.contains(start.lowerBound) }) {
                search = start.upperBound
                continue
            }
            let column = line.distance(from: line.startIndex, to: start.lowerBound) + 1
            let end = line[start.upperBound...].range(of: "-->")
            let body = String(line[start.upperBound..<(end?.lowerBound ?? line.endIndex)])
            guard let tag = tag(in: body) else {
                // Another comment: harmless in prose, but never inside a tag's text.
                if let open {
                    return .failure(
                        TagError(
                            column: column,
                            message: "a comment inside the text of the \(open.kind) tag; "
                                + "close it with <!-- /\(open.kind) --> first"))
                }
                guard let end else { break }
                search = end.upperBound
                continue
            }
            guard let end else {
                return .failure(
                    TagError(column: column, message: "the \(tag.kind) comment is never closed with -->"))
            }
            switch tag {
            case .malformed(let kind):
                return .failure(
                    TagError(
                        column: column,
                        message: "a malformed \(kind) comment <!--\(body)-->; a tag is written "
                            + "<!-- \(kind): PATH#KEY -->text<!-- /\(kind) -->"))
            case .opening(let kind, let spec):
                if let open {
                    return .failure(
                        TagError(
                            column: column,
                            message: "a \(kind) tag opens inside the \(open.kind) tag opened at column "
                                + "\(line.distance(from: line.startIndex, to: open.start) + 1), "
                                + "which has no <!-- /\(open.kind) --> before it (tags do not nest)"))
                }
                open = (kind, spec, start.lowerBound, end.upperBound)
            case .closing(let kind):
                guard let opened = open else {
                    return .failure(
                        TagError(column: column, message: "<!-- /\(kind) --> closes no tag"))
                }
                guard opened.kind == kind else {
                    return .failure(
                        TagError(
                            column: column,
                            message: "<!-- /\(kind) --> cannot close the \(opened.kind) tag opened at "
                                + "column \(line.distance(from: line.startIndex, to: opened.start) + 1)"))
                }
                let text = opened.textStart..<start.lowerBound
                pairs.append(
                    Pair(
                        kind: kind, spec: opened.spec, whole: opened.start..<end.upperBound, text: text,
                        written: String(line[text])))
                open = nil
            }
            search = end.upperBound
        }
        if let open {
            return .failure(
                TagError(
                    column: line.distance(from: line.startIndex, to: open.start) + 1,
                    message: "the \(open.kind) tag has no <!-- /\(open.kind) --> on the same line"))
        }
        return .success(pairs)
    }

    /// Why a line's tags cannot be read.
    struct TagError: Error {
        let column: Int
        let message: String
        var description: String { "column \(column): \(message)" }
    }

    private enum Tag {
        case opening(kind: String, spec: String)
        case closing(kind: String)
        case malformed(kind: String)

        var kind: String {
            switch self {
            case .opening(let kind, _), .closing(let kind), .malformed(let kind): return kind
            }
        }
    }

    /// What a comment's body (between `<!--` and `-->`) is: a tag, a tag written wrongly, or nil for
    /// any other comment.
    private static func tag(in body: String) -> Tag? {
        let trimmed = body.drop { $0 == " " }
        for kind in kinds {
            if trimmed.hasPrefix("/" + kind) {
                let rest = trimmed.dropFirst(kind.count + 1)
                guard rest.first.map({ !$0.isLetter }) ?? true else { continue }
                return body == " /\(kind) " ? .closing(kind: kind) : .malformed(kind: kind)
            }
            if trimmed.hasPrefix(kind) {
                let rest = trimmed.dropFirst(kind.count)
                guard rest.first.map({ !$0.isLetter }) ?? true else { continue }
                let prefix = " \(kind): "
                guard body.hasPrefix(prefix), body.hasSuffix(" ") else { return .malformed(kind: kind) }
                let spec = body.dropFirst(prefix.count).dropLast()
                guard !spec.isEmpty, spec.first != " ", spec.last != " " else {
                    return .malformed(kind: kind)
                }
                return .opening(kind: kind, spec: String(spec))
            }
        }
        return nil
    }

    /// The inline code spans of a line (a run of backticks up to the next run of the same length), where
    /// a tag is an example shown to the reader, not a tag.
    static func codeSpans(in line: String) -> [Range<String.Index>] {
        var spans: [Range<String.Index>] = []
        var index = line.startIndex
        while let open = line[index...].firstIndex(of: "`") {
            let run = line[open...].prefix { $0 == "`" }
            var search = run.endIndex, closed = false
            while let next = line[search...].firstIndex(of: "`") {
                let other = line[next...].prefix { $0 == "`" }
                if other.count == run.count {
                    spans.append(open..<other.endIndex)
                    index = other.endIndex
                    closed = true
                    break
                }
                search = other.endIndex
            }
            if !closed { index = run.endIndex }
        }
        return spans
    }
}

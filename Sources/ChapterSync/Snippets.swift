import Foundation

/// Regions of source files marked for the chapters:
///
///     // snippet.model
///     ...lines shown in the chapter...
///     // snippet.end
///
/// The lines between the markers are the listing, with their common indentation removed.
enum Snippets {
    /// The listing named `name` in `source` (the file's text), or nil when the file has no such region.
    static func extract(_ name: String, from source: String) -> String? {
        var lines: [Substring]? = nil
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let marker = line.trimmingCharacters(in: .whitespaces)
            if lines == nil {
                if marker == "// snippet.\(name)" { lines = [] }
            } else if marker == "// snippet.end" {
                return dedent(lines!)
            } else {
                lines!.append(line)
            }
        }
        return nil
    }

    private static func dedent(_ lines: [Substring]) -> String {
        let indents = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix { $0 == " " }.count }
        let common = indents.min() ?? 0
        return lines.map { $0.count >= common ? String($0.dropFirst(common)) : "" }.joined(separator: "\n")
    }
}

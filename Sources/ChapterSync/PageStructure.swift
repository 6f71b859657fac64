/// The fenced blocks of a chapter page, and which of them are listings (a block right under an
/// include comment). Parsed before anything is compared, so that a page whose structure is broken
/// (a closing fence lost, an include inside a block) is refused rather than "mended" into a page
/// that swallowed its own prose.
struct PageStructure {
    /// A listing: the include comment, the fence lines that open and close its block (0-based lines).
    struct Listing {
        let include: Int
        let target: String
        let open: Int
        let close: Int
    }

    /// The listings by the line of their include comment.
    private(set) var listings: [Int: Listing] = [:]
    /// What is wrong with the page's structure; empty when it can be synced.
    private(set) var problems: [ChapterSync.Drift] = []
    /// The lines of every fenced block, fences included: code, whose tags are examples, not tags.
    private(set) var fenced = Set<Int>()

    init(lines: [String], file: String) {
        func problem(_ line: Int, _ text: String) {
            problems.append(ChapterSync.Drift(file: file, line: line + 1, problem: text, fixable: false))
        }
        // The fence line of the block being read, and the include comment above it, if any.
        var block: (open: Int, include: (line: Int, target: String)?)? = nil
        var include: (line: Int, target: String)? = nil
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let isFence = trimmed.hasPrefix("```")
            if let current = block {
                fenced.insert(index)
                if ChapterSync.directive("snippet", in: line) != nil {
                    problem(
                        current.open,
                        "the block opened here has no closing fence before the include "
                            + "comment at line \(index + 1)")
                    return
                }
                if isFence && trimmed != "```" {
                    problem(
                        current.open,
                        "the block opened here has no closing fence before line \(index + 1), "
                            + "which opens another (a closing fence is ``` alone)")
                    return
                }
                if trimmed == "```" {
                    if let owner = current.include {
                        listings[owner.line] = Listing(
                            include: owner.line, target: owner.target,
                            open: current.open, close: index)
                    }
                    block = nil
                }
                continue
            }
            if let target = ChapterSync.directive("snippet", in: line) {
                let next =
                    index + 1 < lines.count ? lines[index + 1].trimmingCharacters(in: .whitespaces) : ""
                if next.hasPrefix("```") {
                    include = (index, target)
                } else {
                    problem(index, "no fenced code block follows the snippet comment")
                }
                continue
            }
            if isFence {
                block = (index, include)
                fenced.insert(index)
            } else if case .failure(let error) = Tags.pairs(in: line) {
                problem(index, error.description)
            }
            include = nil
        }
        if let current = block { problem(current.open, "the block opened here is never closed") }
    }
}

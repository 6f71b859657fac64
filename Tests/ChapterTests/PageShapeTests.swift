@testable import ChapterSync
import Foundation
import Testing

/// A page's shape: captions that name each listing's source, links that resolve (headings too), and
/// the previous/next line of a section page.
@Suite struct PageShapeTests {
    /// A chapters folder with an index, a claims page and two section pages, in a scratch package.
    func scratch(_ pages: [String: String]) throws -> ChapterSync {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "shape-\(UUID().uuidString)")
        for folder in ["Sources/demo", "chapters"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try "// snippet.body\nlet x = 1\n// snippet.end\n".write(
            to: root.appendingPathComponent("Sources/demo/main.swift"), atomically: true, encoding: .utf8)
        for (name, text) in pages {
            try text.write(
                to: root.appendingPathComponent("chapters/\(name)"), atomically: true, encoding: .utf8)
        }
        return ChapterSync(root: root)
    }

    let first = """
        # 11.1 First
        ## Two words
        *Listing 11.1-1: `Sources/demo/main.swift`*
        <!-- snippet: Sources/demo/main.swift#body -->
        ```swift
        let x = 1
        ```
        See [the second](11-02-second.md#a-heading-with-code) and [this page](#two-words).

        Previous: [the index](README.md) · Next: [11.2](11-02-second.md)
        """
    let second = """
        # 11.2 Second
        ## A heading, with `code`
        Previous: [11.1](11-01-first.md) · Next: [the claims](claims.md)
        """

    var pages: [String: String] {
        [
            "README.md": "# Index\n", "claims.md": "# Claims\n", "11-01-first.md": first,
            "11-02-second.md": second,
        ]
    }

    @Test func aPageOfTheRightShapePasses() throws {
        let sync = try scratch(pages)
        for file in sync.chapterFiles() { #expect(try sync.check(file).isEmpty, "\(file)") }
    }

    /// A file named in prose must exist, as a link's target must: `Sources/demo/main.swift` does, a
    /// renamed report does not; patterns, commands and fenced code are not file names.
    @Test func aFileNamedInProseMustExist() throws {
        var pages = self.pages
        pages["11-01-first.md"] = first.replacingOccurrences(
            of: "See [the second]",
            with: "It is `Sources/demo/main.swift#body`, its report `figures/gone.metrics.json`, "
                + "any `figures/<report>.study.json` or `figures/*.png`, and "
                + "`swift run figures/x`.\n```text\nfigures/fenced.json\n```\nSee [the second]")
        let drifts = try scratch(pages).check("chapters/11-01-first.md")
        #expect(
            drifts.map(\.description) == [
                "chapters/11-01-first.md:8: `figures/gone.metrics.json` "
                    + "names a file the repository does not hold"
            ])
    }

    @Test func aListingWithoutAVisibleCaptionIsReported() throws {
        var pages = self.pages
        pages["11-01-first.md"] = first.replacingOccurrences(
            of: "*Listing 11.1-1: `Sources/demo/main.swift`*\n", with: "")
        let drifts = try scratch(pages).check("chapters/11-01-first.md")
        #expect(drifts.map(\.line) == [3])
        #expect(drifts.first?.problem.contains("no caption naming `Sources/demo/main.swift`") == true)
        #expect(drifts.allSatisfy { !$0.fixable })
    }

    @Test func aLinkToNoFileOrNoHeadingIsReported() throws {
        var pages = self.pages
        pages["11-01-first.md"] = first.replacingOccurrences(
            of: "11-02-second.md#a-heading", with: "11-03-third.md#a-heading"
        )
        .replacingOccurrences(of: "(#two-words)", with: "(#three-words)")
        let problems = try scratch(pages).check("chapters/11-01-first.md").map(\.problem)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("11-03-third.md#a-heading-with-code leads to no file") })
        #expect(problems.contains { $0.contains("#three-words names no heading") })
    }

    @Test func aSectionPageWithoutItsNeighboursIsReported() throws {
        var pages = self.pages
        pages["11-02-second.md"] = second.replacingOccurrences(of: "(claims.md)", with: "(README.md)")
        let drifts = try scratch(pages).check("chapters/11-02-second.md")
        #expect(drifts.count == 1)
        #expect(drifts.first?.problem.contains("Next: [...](claims.md)") == true)
        // The index and the claims page are not sections: no such line is asked of them.
        #expect(try scratch(pages).check("chapters/README.md").isEmpty)
    }

    @Test func headingsGetTheAnchorsARendererGivesThem() {
        #expect(
            PageShape.anchor(ofHeading: "## 5. GISS: 1,500 epochs smooth out some peaks")
                == "5-giss-1500-epochs-smooth-out-some-peaks")
        #expect(
            PageShape.anchor(ofHeading: "## Long runs: checkpoints, Ctrl-C and `--resume`")
                == "long-runs-checkpoints-ctrl-c-and---resume")
    }
}

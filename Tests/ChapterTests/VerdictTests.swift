@testable import ChapterSync
import Foundation
import Testing

/// A claim's verdict is computed from the ranges over the seeds, and a typed verdict that the
/// studies no longer support is found and mended.
@Suite struct VerdictTests {
    typealias Range = Verdicts.Range

    @Test func rangesApartInTheClaimsDirectionHold() {
        let low = Range(low: 0.20, high: 0.21), high = Range(low: 0.22, high: 0.25)
        #expect(Verdicts.verdict(left: low, right: high, claimsLower: true) == .holds)
        #expect(Verdicts.verdict(left: high, right: low, claimsLower: false) == .holds)
    }

    @Test func rangesApartTheOtherWayDoNotHold() {
        let low = Range(low: 0.20, high: 0.21), high = Range(low: 0.22, high: 0.25)
        #expect(Verdicts.verdict(left: high, right: low, claimsLower: true) == .doesNotHold)
        #expect(Verdicts.verdict(left: low, right: high, claimsLower: false) == .doesNotHold)
    }

    /// Overlapping ranges are a tie whichever way the means point; touching ones too.
    @Test func overlappingOrTouchingRangesAreWithinTheSpread() {
        let a = Range(low: 0.20, high: 0.23), b = Range(low: 0.22, high: 0.25)
        #expect(Verdicts.verdict(left: a, right: b, claimsLower: true) == .withinSpread)
        #expect(Verdicts.verdict(left: a, right: b, claimsLower: false) == .withinSpread)
        let touching = Range(low: 0.23, high: 0.30)
        #expect(Verdicts.verdict(left: a, right: touching, claimsLower: true) == .withinSpread)
    }

    @Test func aSideIsAMeasureANumberOrALiteral() {
        let json: [String: Any] = [
            "measures": ["val_mae": ["min": 0.2, "max": 0.3, "mean": 0.25]], "epoch": 500,
        ]
        let lookup = { (_: String, key: String) -> Any? in try? ReportValues.value(at: key, in: json) }
        #expect(Verdicts.range(of: "f.json#measures.val_mae", lookup: lookup) == Range(low: 0.2, high: 0.3))
        #expect(Verdicts.range(of: "f.json#epoch", lookup: lookup) == Range(low: 500, high: 500))
        #expect(Verdicts.range(of: "17.5", lookup: lookup) == Range(low: 17.5, high: 17.5))
        #expect(Verdicts.range(of: "f.json#measures", lookup: lookup) == nil)
        #expect(Verdicts.range(of: "f.json#nothing", lookup: lookup) == nil)
    }

    /// A page with two studies: `a` clearly below `b`, `c` overlapping `b`.
    func scratch(page: String) throws -> ChapterSync {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "verdict-\(UUID().uuidString)")
        for folder in ["figures", "chapters"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let study = #"""
            {"seeds": [1, 2], "measures": {
              "a": {"values": [0.20, 0.21], "min": 0.20, "max": 0.21},
              "b": {"values": [0.22, 0.25], "min": 0.22, "max": 0.25},
              "c": {"values": [0.24, 0.30], "min": 0.24, "max": 0.30}}}
            """#
        try study.write(
            to: root.appendingPathComponent("figures/demo.study.json"), atomically: true, encoding: .utf8)
        try page.write(to: root.appendingPathComponent("chapters/demo.md"), atomically: true, encoding: .utf8)
        return ChapterSync(root: root)
    }

    let page = """
        a is lower: <!-- verdict: figures/demo.study.json#measures.a < figures/demo.study.json#measures.b -->*holds*<!-- /verdict -->;
        c is lower: <!-- verdict: figures/demo.study.json#measures.c < figures/demo.study.json#measures.b -->*within the seed spread*<!-- /verdict -->;
        a is above 0.3: <!-- verdict: figures/demo.study.json#measures.a > 0.3 -->*does not hold*<!-- /verdict -->.
        """

    @Test func verdictsThatMatchTheStudiesPass() throws {
        #expect(try scratch(page: page).check("chapters/demo.md").isEmpty)
    }

    @Test func aTypedVerdictTheStudiesContradictIsFoundAndMended() throws {
        let stale = page.replacingOccurrences(
            of: "#measures.b -->*holds*", with: "#measures.b -->*within the seed spread*")
        let sync = try scratch(page: stale)
        let (text, drifts) = try sync.rewrite("chapters/demo.md")
        #expect(drifts.count == 1)
        #expect(drifts.first?.line == 1)
        #expect(drifts.first?.problem.contains("is *holds*, the text says *within the seed spread*") == true)
        #expect(drifts.first?.fixable == true)
        #expect(text == page)
    }

    @Test func aMalformedOrUnknownComparisonIsReportedNotMended() throws {
        let malformed = page.replacingOccurrences(of: "#measures.a > 0.3", with: "#measures.a about 0.3")
        let unknown = page.replacingOccurrences(of: "#measures.c <", with: "#measures.z <")
        let first = try scratch(page: malformed).check("chapters/demo.md")
        #expect(first.map(\.line) == [3])
        #expect(first.allSatisfy { !$0.fixable && $0.problem.contains("< or >") })
        let second = try scratch(page: unknown).check("chapters/demo.md")
        #expect(second.map(\.line) == [2])
        #expect(second.allSatisfy { !$0.fixable && $0.problem.contains("names no number") })
    }
}

@testable import ChapterSync
import Foundation
import Testing

/// Verdict and comparison tags: computed from the study reports with the interval rule, a typed text
/// that the studies no longer support is found and mended, and a study listed but not yet run waits.
@Suite struct VerdictTests {
    /// A study `demo` of three seeds: `a` well below `b`, `c` among `b`'s values, and a run's number.
    func scratch(page: String, list: String = "", files: [String: String] = [:]) throws -> ChapterSync {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "verdict-\(UUID().uuidString)")
        for folder in ["figures", "chapters"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let study = #"""
            {"seeds": [42, 43, 44], "measures": {
              "a": {"values": [0.20, 0.21, 0.22], "min": 0.20, "max": 0.22},
              "b": {"values": [0.30, 0.31, 0.32], "min": 0.30, "max": 0.32},
              "c": {"values": [0.29, 0.31, 0.34], "min": 0.29, "max": 0.34}}}
            """#
        var all = files
        all["figures/demo.study.json"] = study
        all["figures/chapter-studies.txt"] = list
        all["figures/demo.metrics.json"] = #"{"val_mae": 0.25}"#
        all["chapters/demo.md"] = page
        for (path, text) in all {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return ChapterSync(root: root)
    }

    let a = "figures/demo.study.json#measures.a", b = "figures/demo.study.json#measures.b"
    let c = "figures/demo.study.json#measures.c"

    func verdict(_ claim: String, _ text: String) -> String {
        "<!-- verdict: \(claim) -->\(text)<!-- /verdict -->"
    }

    func comparison(_ claim: String, _ text: String) -> String {
        "<!-- comparison: \(claim) -->\(text)<!-- /comparison -->"
    }

    /// a and b are measures of the same three runs: their difference is paired, -0.10 in every seed,
    /// with no spread, so the interval is the difference itself.
    @Test func twoMeasuresOfTheSameRunsArePaired() throws {
        let page = "x " + comparison("\(a) < \(b) show=difference", "?") + " y"
        let (text, _) = try scratch(page: page).rewrite("chapters/demo.md")
        #expect(
            text == "x " + comparison("\(a) < \(b) show=difference", "-0.1000 (-0.1000 to -0.1000)") + " y")
    }

    /// The same values in two studies are different runs: Welch's interval. By hand: means 0.21 and
    /// 0.31, standard error √(2 × 0.0001 / 3) = 0.0081650, 4 degrees of freedom, t₀.₉₇₅ = 2.7764,
    /// t₀.₈₀ = 0.9410: 0.10 ± 0.02267, detectable 0.03035.
    @Test func aRowShowsEveryNumberOfTheClaim() throws {
        let other = "figures/other.study.json#measures.b"
        let files = [
            "figures/other.study.json":
                #"{"seeds": [42, 43, 44], "measures": {"b": {"values": [0.30, 0.31, 0.32]}}}"#
        ]
        let page = "| a below b " + comparison("\(a) < \(other)", "") + " |"
        let (text, drifts) = try scratch(page: page, files: files).rewrite("chapters/demo.md")
        let row =
            " 0.2100 | 0.3100 | -0.1000 (-0.1227 to -0.0773) | 1.00 (1.00 to 1.00) | 3 of 3 seeds"
            + " | *holds* | 0.0304"
        #expect(text == "| a below b " + comparison("\(a) < \(other)", row) + " |")
        #expect(drifts.count == 1 && drifts[0].fixable)
        #expect(drifts[0].problem.hasPrefix("the comparison on \(a) < \(other) is"))
    }

    /// Where the five seeds' verdict (figures/five-seed-verdicts.json) differs from the study's, the row
    /// names it: a against another study (Welch's interval -0.043 to -0.003, *holds*) was within the
    /// seed spread before. c against b was so too, which the interval calls *not shown*: the same
    /// verdict in other words, so no note; and a claim the file does not hold has none either.
    @Test func aRowNamesTheFiveSeedVerdictWhereItDiffers() throws {
        let other = "figures/other.study.json#measures.b"
        let earlier =
            #"{"commit": "x", "claims": {"# + #""\#(a) < \#(other)": "#
            + #"{"range_rule": "*within the seed spread*"}, "\#(c) > \#(b)": "#
            + #"{"range_rule": "*within the seed spread*"}}}"#
        let files = [
            "figures/other.study.json":
                #"{"seeds": [1, 2, 3, 4, 5], "measures": {"#
                + #""b": {"values": [0.215, 0.23, 0.24, 0.235, 0.245]}}}"#,
            EarlierVerdicts.path: earlier,
        ]
        let page = [
            comparison("\(a) < \(other) show=row", ""), comparison("\(c) > \(b)", ""),
            comparison("\(a) < \(b)", ""),
        ].joined(separator: "\n")
        let (text, _) = try scratch(page: page, files: files).rewrite("chapters/demo.md")
        let lines = text.components(separatedBy: "\n")
        #expect(lines[0].contains("| *holds* (five seeds: *within the seed spread*) |"), "\(lines[0])")
        #expect(lines[0].contains("| 14 of 15 pairs of runs |"), "studies of other seeds count pairs of runs")
        #expect(lines[1].contains("| *not shown* |"), "\(lines[1])")
        #expect(lines[2].contains("| *holds* |"), "\(lines[2])")
    }

    /// An interval's end that the row's decimals would round to zero gets the decimals it needs: a
    /// (0.20, 0.21, 0.22) against 0.23486 is -0.02486 ± 4.3027 × 0.0057735 = -0.0497 to -0.0000186,
    /// which *holds*, and must not read "-0.05 to 0.00".
    @Test func anIntervalEndNearZeroKeepsItsSign() throws {
        let page = comparison("\(a) < 0.23486 show=difference decimals=2", "")
        let (text, _) = try scratch(page: page).rewrite("chapters/demo.md")
        #expect(text == comparison("\(a) < 0.23486 show=difference decimals=2", "-0.02 (-0.05 to -0.00002)"))
        let verdictPage = verdict("\(a) < 0.23486", "")
        #expect(
            try scratch(page: verdictPage).rewrite("chapters/demo.md").0
                == verdict("\(a) < 0.23486", "*holds*"))
    }

    @Test func verdictsThatMatchTheStudiesPass() throws {
        let page = [
            "a is lower: " + verdict("\(a) < \(b)", "*holds*"),
            "c is lower: " + verdict("\(c) < \(b)", "*not shown*"),
            "a is above 0.3: " + verdict("\(a) > 0.3", "*does not hold*"),
        ].joined(separator: "\n")
        #expect(try scratch(page: page).check("chapters/demo.md").isEmpty)
    }

    @Test func aTypedVerdictTheStudiesContradictIsFoundAndMended() throws {
        let page = "a is lower: " + verdict("\(a) < \(b)", "*holds*")
        let stale = "a is lower: " + verdict("\(a) < \(b)", "*within the seed spread*")
        let (text, drifts) = try scratch(page: stale).rewrite("chapters/demo.md")
        #expect(drifts.count == 1 && drifts.first?.line == 1 && drifts.first?.fixable == true)
        #expect(drifts.first?.problem.contains("is *holds*, the text says *within the seed spread*") == true)
        #expect(text == page)
    }

    @Test(arguments: [
        ("verdict", "figures/demo.study.json#measures.a about 0.3", "< or >"),
        ("verdict", "figures/demo.study.json#measures.a < 0.3 decimals=2", "takes no options"),
        ("comparison", "figures/demo.study.json#measures.a < 0.3 show=everything", "show=row|mean-a"),
        ("comparison", "figures/demo.study.json#measures.z < 0.3", "has nothing at measures.z"),
        ("verdict", "figures/demo.metrics.json#val_mae < 0.3", "not a study measure"),
        ("verdict", "figures/gone.study.json#measures.a < 0.3", "cannot read the run report"),
        ("verdict", "0.2 < 0.3", "a study on at least one side"),
    ])
    func aBadClaimIsReportedNotMended(kind: String, claim: String, problem: String) throws {
        let page = "x <!-- \(kind): \(claim) -->*holds*<!-- /\(kind) -->"
        let drifts = try scratch(page: page).check("chapters/demo.md")
        #expect(drifts.count == 1 && drifts.allSatisfy { !$0.fixable && $0.line == 1 })
        #expect(drifts.first?.problem.contains(problem) == true, "\(drifts)")
    }

    /// A study listed with a folder of its own waits until it has run; then a name still missing fails.
    @Test func aListedStudyNotYetRunWaits() throws {
        let list = "new: ch11-cet-rnn --layout sequence --seeds 5 --out figures/studies/new\n"
        let pending = "figures/studies/new/ch11-cet-rnn-sequence.study.json#measures.val_mae"
        let page = verdict("\(pending) < \(b)", "?") + "\n" + comparison("\(pending) < \(b)", "?")
        let (text, drifts) = try scratch(page: page, list: list).rewrite("chapters/demo.md")
        #expect(drifts.allSatisfy { $0.fixable })
        #expect(text.components(separatedBy: "\n")[0] == verdict("\(pending) < \(b)", "*awaits its study*"))
        #expect(text.contains("— | — | — | — | — | *awaits its study* | —"))
        // Once the folder holds the study's report, a misspelt name is an error like any other.
        let ran = try scratch(
            page: verdict("\(pending.replacingOccurrences(of: "rnn-", with: "rn-")) < \(b)", "?"), list: list,
            files: ["figures/studies/new/ch11-cet-rnn-sequence.study.json": "{}"])
        #expect(try ran.check("chapters/demo.md").first?.problem.contains("cannot read") == true)
        // Neither an unlisted folder nor another program's name waits.
        for path in [
            "figures/studies/other/ch11-cet-rnn.study.json", "figures/studies/new/ch11-gru-lstm.study.json",
        ] {
            let sync = try scratch(page: verdict("\(path)#measures.val_mae < \(b)", "?"), list: list)
            #expect(try sync.check("chapters/demo.md").first?.fixable == false)
        }
    }

    /// Prose that says how many seeds a study has reads it from the study.
    @Test func aValueCountsAList() throws {
        let page = "over <!-- value: figures/demo.study.json#seeds.count decimals=0 -->5<!-- /value --> seeds"
        let (text, _) = try scratch(page: page).rewrite("chapters/demo.md")
        #expect(text == page.replacingOccurrences(of: "-->5<", with: "-->3<"))
    }

    @Test func claimsParseStrictly() {
        let parsed = try? Verdicts.Claim.parse("x#k > 3 show=difference decimals=2", options: true).get()
        #expect(parsed?.left == "x#k" && parsed?.right == "3" && parsed?.claimsLower == false)
        #expect(parsed?.field == .difference && parsed?.decimals == 2)
        #expect((try? Verdicts.Claim.parse("x#k > 3 decimals=13", options: true).get()) == nil)
        #expect((try? Verdicts.Claim.parse("x#k >= 3", options: true).get()) == nil)
    }
}

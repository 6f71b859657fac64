import CNNSearch
import Foundation
import Testing
import WorkbookData

/// `--merge-seeds`: a study's parts, run apart, assemble into the study one run over all the seeds
/// writes, timings aside; parts that are not of one study are refused with what differs.
@Suite struct SeedStudyMergeTests {
    /// Runs `section` with `arguments` (quick, no figures, no progress) into a new folder.
    func run(_ section: String, _ arguments: [String], name: String) throws -> String {
        let folder = SectionRun.temporaryFolder(name)
        let run = try SectionRun.run(
            section, arguments + ["--quick", "--no-figures", "--no-progress", "--out", folder])
        #expect(run.status == 0, "\(section) \(arguments): \(run.standardError)")
        return folder
    }

    func merge(_ section: String, _ arguments: [String]) throws -> (SectionRun, String) {
        let folder = SectionRun.temporaryFolder("merged")
        let run = try SectionRun.run(section, arguments + ["--no-figures", "--out", folder])
        return (run, folder)
    }

    /// The JSON of a file with every key that names seconds left out, at any depth.
    func untimed(_ path: String) throws -> NSDictionary {
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { !$0.key.hasPrefix("seconds") }.mapValues(strip)
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        return strip(json) as! NSDictionary
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Two sections per run (the GRU with and without dropout), split 2 + 1 and merged in either order,
    /// once as `--merge-seeds` and once as its other name, `--merge`.
    @Test(arguments: [false, true])
    func partsMergeIntoTheWholeStudy(reversed: Bool) throws {
        let whole = try run("ch11-dropout", ["--seeds", "42,43,44"], name: "whole")
        let a = try run("ch11-dropout", ["--seeds", "42,43"], name: "part-a")
        let b = try run("ch11-dropout", ["--seeds", "44,"], name: "part-b")
        let option = reversed ? "--merge" : "--merge-seeds"
        let (merged, folder) = try merge("ch11-dropout", [option] + (reversed ? [b, a] : [a, b]))
        #expect(merged.status == 0, "\(merged.standardError)")
        for section in ["ch11-dropout", "ch11-dropout-none"] {
            #expect(
                try untimed("\(folder)/\(section).study.json") == untimed("\(whole)/\(section).study.json"))
            #expect(
                try text("\(folder)/fig-\(section)-loss-seeds.dat")
                    == text("\(whole)/fig-\(section)-loss-seeds.dat"))
            for seed in 42...44 {
                let report = "seeds/seed-\(seed)/\(section).metrics.json"
                #expect(try untimed("\(folder)/\(report)") == untimed("\(whole)/\(report)"))
            }
        }
        #expect(merged.standardOutput.contains("merged from 2 parts"))
    }

    @Test func theSearchsStudyMergesToo() throws {
        let whole = try run("ch11-cnn-search", ["--seeds", "42,43,44"], name: "search-whole")
        let a = try run("ch11-cnn-search", ["--seeds", "42,43"], name: "search-a")
        let b = try run("ch11-cnn-search", ["--seeds", "44,"], name: "search-b")
        let (merged, folder) = try merge("ch11-cnn-search", ["--merge-seeds", a, b])
        #expect(merged.status == 0, "\(merged.standardError)")
        let name = SearchSeedStudy.fileName
        #expect(try untimed("\(folder)/\(name)") == untimed("\(whole)/\(name)"))
        let figure = "fig-11-05b-search-ranking-seeds.dat"
        #expect(try text("\(folder)/\(figure)") == text("\(whole)/\(figure)"))
        // The search's own --merge still means the shards of one search: two whole searches are refused.
        let (shards, _) = try merge("ch11-cnn-search", ["--merge", a, b])
        #expect(shards.status == 1 && shards.standardError.contains("holds shard 0/1, as"))
        let (mixed, _) = try merge("ch11-cnn-search", ["--merge-seeds", a, b, "--quick"])
        #expect(mixed.status == 64 && mixed.standardError.contains("cannot be combined with --quick"))
    }

    /// Each kind of part that does not belong, and what the refusal names.
    @Test func partsOfAnotherStudyAreRefused() throws {
        let a = try run("ch11-cnn", ["--seeds", "42,43"], name: "a")
        let otherData: Edit = { json in
            var settings = json["settings"] as! [String: Any]
            settings["data_fingerprint"] = String(repeating: "0", count: 64)
            json["settings"] = settings
        }
        let cases: [(arguments: [String], edit: Edit?, message: String)] = [
            (["--seeds", "45,"], nil, "no part holds seed 44 (between 42 and 45)"),
            (["--seeds", "43,44"], nil, "seed 43 is in both"),
            (["--seeds", "44,", "--epochs", "3"], nil, "epochs requested 3 against 30"),
            (["--seeds", "44,", "--model", "dnn"], nil, "holds the study of ch11-cnn-dnn"),
            (["--seeds", "44,"], otherData, "data (fingerprint) 0000"),
            (["--seeds", "44,"], { $0["product_path"] = nil }, "product path unrecorded against oneDNN"),
        ]
        for (arguments, edit, message) in cases {
            let b = try run("ch11-cnn", arguments, name: "b")
            if let edit { try change("\(b)/seeds/seed-44/ch11-cnn.metrics.json", edit) }
            let (merged, folder) = try merge("ch11-cnn", ["--merge-seeds", a, b])
            #expect(merged.status == 1, "\(arguments)")
            #expect(merged.standardError.contains(message), "\(arguments): \(merged.standardError)")
            #expect(!FileManager.default.fileExists(atPath: "\(folder)/ch11-cnn.study.json"))
        }
        let (listed, _) = try merge("ch11-cnn", ["--merge-seeds", a, "--seeds", "3"])
        #expect(
            listed.status == 1 && listed.standardError.contains("--seeds asks for 44, which no part holds"))
    }

    typealias Edit = (inout [String: Any]) -> Void

    /// Rewrites the JSON object in `path` through `edit`.
    func change(_ path: String, _ edit: Edit) throws {
        let url = URL(fileURLWithPath: path)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        edit(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: url)
    }

    /// Every section that takes --seeds takes --merge-seeds, and refuses an option that chooses what to
    /// train beside it.
    @Test(arguments: [
        "ch11-cnn", "ch11-giss-rnn", "ch11-cet-rnn", "ch11-gru-lstm", "ch11-dropout", "ch11-bidirectional",
        "ch11-cnn-search",
    ])
    func everySectionTakesMergeSeeds(section: String) throws {
        let missing = SectionRun.temporaryFolder("missing") + "/nothing"
        let (run, _) = try merge(section, ["--merge-seeds", missing])
        #expect(run.status == 1, "\(run.standardOutput) \(run.standardError)")
        #expect(run.standardError.contains(missing), "\(run.standardError)")
        let (option, _) = try merge(section, ["--merge-seeds", missing, "--epochs", "3"])
        #expect(option.status == 64, "\(option.standardError)")
    }
}

import Foundation
import SequenceNet

/// The parts of a seed study, each the folder a `--seeds LIST --out PART` run wrote (its
/// `<section>.study.json` and each seed's run under `seeds/seed-<s>/`), assembled into the study one
/// run over all their seeds writes: the same run reports in the same order make the same study
/// (`SeedStudyReport.init(reports:)`), timings aside. Refuses parts that are not of one study: other
/// sections, settings, data or product path (naming the file and what differs), a seed in two parts,
/// or a seed missing (see `StudySeeds`).
public struct SeedStudyParts {
    /// One seed's run report, and the bytes of its file, to copy beside the merged study.
    public struct Run {
        public let report: RunReport
        public let file: String
        public let bytes: Data
    }

    /// The merged studies, one per section, in the order of their names.
    public let studies: [SeedStudyReport]
    /// Each study's runs in its seeds' order.
    public let runs: [String: [Run]]

    public static func read(_ parts: [String], expected: [UInt64]?) throws -> SeedStudyParts {
        var named = Set<String>()
        for part in parts where !named.insert(URL(fileURLWithPath: part).standardizedFileURL.path).inserted {
            throw WorkbookError.invalid("\(part) is named more than once: name each part once")
        }
        let held: [(part: String, studies: [String: SeedStudyReport])] = try parts.map {
            ($0, try sectionStudies(in: $0))
        }
        let sections = held[0].studies.keys.sorted()
        for other in held.dropFirst() where Set(other.studies.keys) != Set(sections) {
            let names = { (part: (part: String, studies: [String: SeedStudyReport])) in
                "\(part.part) holds the study of \(part.studies.keys.sorted().joined(separator: ", "))"
            }
            throw WorkbookError.invalid(
                "\(names(held[0])), \(names(other)): each part must hold the same sections' studies")
        }
        var studies: [SeedStudyReport] = [], runs: [String: [Run]] = [:]
        for section in sections {
            let seeds = held.map { (part: $0.part, seeds: $0.studies[section]!.seeds) }
            let order = try StudySeeds.merged(seeds, expected: expected)
            var bySeed: [UInt64: Run] = [:]
            for (part, seeds) in seeds {
                for seed in seeds { bySeed[seed] = try run(seed, section: section, in: part) }
            }
            let ordered = order.map { bySeed[$0]! }
            try checkAlike(ordered)
            studies.append(SeedStudyReport(reports: ordered.map(\.report)))
            runs[section] = ordered
        }
        return SeedStudyParts(studies: studies, runs: runs)
    }

    /// The section studies in a part, by section.
    static func sectionStudies(in part: String) throws -> [String: SeedStudyReport] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: part, isDirectory: &isFolder), isFolder.boolValue else {
            throw WorkbookError.io("\(part) is not a folder: give the folders the parts' runs wrote (--out)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: part).filter {
            $0.hasSuffix(".study.json")
        }
        var studies: [String: SeedStudyReport] = [:]
        for name in names.sorted() {
            let path = (part as NSString).appendingPathComponent(name)
            let json = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))))
            if (json as? [String: Any])?["entries"] != nil {
                throw WorkbookError.invalid(
                    "\(path) is the search's seed study, not a section's: "
                        + "ch11-cnn-search --merge-seeds merges it")
            }
            let study = try SeedStudyReport.read(from: path)
            studies[study.section] = study
        }
        guard !studies.isEmpty else {
            throw WorkbookError.invalid("\(part) holds no seed study (<section>.study.json): is it a part?")
        }
        return studies
    }

    /// Seed `seed`'s run report of `section` in `part`, checked to be what its name says.
    static func run(_ seed: UInt64, section: String, in part: String) throws -> Run {
        let file = (SeedStudyReport.seedFolder(seed, in: part) as NSString)
            .appendingPathComponent(RunReport.fileName(section: section))
        guard let bytes = FileManager.default.contents(atPath: file) else {
            throw WorkbookError.io(
                "cannot read \(file): the part's study lists seed \(seed), but its run is not there")
        }
        let report = try RunReport.read(from: file)
        guard report.seed == seed, report.section == section else {
            throw WorkbookError.invalid(
                "\(file) is the run of \(report.section) with seed \(report.seed), not of \(section) "
                    + "with \(seed)")
        }
        return Run(report: report, file: file, bytes: bytes)
    }

    /// Refuses runs of other settings, data or product path than the first, naming the two files.
    static func checkAlike(_ runs: [Run]) throws {
        let first = runs[0]
        for run in runs.dropFirst() {
            var differences: [String] = []
            let keys = Set(first.report.settings.keys).union(run.report.settings.keys).subtracting(
                SeedStudyReport.measuredSettings(in: first.report.settings.keys)
                    .union(SeedStudyReport.measuredSettings(in: run.report.settings.keys)))
            for key in keys.sorted() where first.report.settings[key] != run.report.settings[key] {
                let name =
                    key == "data_fingerprint"
                    ? "data (fingerprint)" : key.replacingOccurrences(of: "_", with: " ")
                let (there, here) = (run.report.settings[key], first.report.settings[key])
                differences.append("\(name) \(there?.shown ?? "unset") against \(here?.shown ?? "unset")")
            }
            if run.report.productPath != first.report.productPath {
                differences.append(
                    "product path \(run.report.productPath?.description ?? "unrecorded") against "
                        + (first.report.productPath?.description ?? "unrecorded"))
            }
            if !differences.isEmpty {
                throw WorkbookError.invalid(
                    "\(run.file) differs from \(first.file): \(differences.joined(separator: "; ")); "
                        + "only the parts of one study can be merged")
            }
        }
    }
}

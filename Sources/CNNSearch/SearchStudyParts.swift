import Foundation
import WorkbookData

/// The parts of the search's seed study (each the `ch11-cnn-search.study.json` of a run with
/// `--seeds LIST --out PART`), assembled into the study one run over all their seeds writes: each
/// configuration's values in the order of the seeds, and the measures of them, as `SearchSeedStudy.run`
/// makes them. Refuses parts of another search, epochs, data or product path, or of other
/// configurations, and a seed in two parts or missing (`StudySeeds`).
extension SearchSeedStudy {
    /// The study of `parts` (folders, or the study files themselves); `expected` gives its seeds from
    /// the parts' search seed (`--seeds N` counts from it), or nil to take the parts' seeds.
    public static func merge(_ parts: [String], expected: (_ first: UInt64) -> [UInt64]?) throws
        -> (study: SearchSeedStudy, files: [String])
    {
        var named = Set<String>()
        let files = parts.map { part in
            part.hasSuffix(".json") ? part : (part as NSString).appendingPathComponent(fileName)
        }
        for file in files where !named.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted {
            throw SearchError("\(file) is given to --merge-seeds more than once: name each part once")
        }
        let studies = try files.map { file -> SearchSeedStudy in
            guard FileManager.default.fileExists(atPath: file) else {
                throw SearchError("cannot read \(file): give the folders the parts' runs wrote (--out)")
            }
            let study = try ReportFile.read(SearchSeedStudy.self, from: file, what: "the search's seed study")
            guard study.searchSeed != nil, study.products != nil else {
                throw SearchError(
                    "\(file) does not record the search and product path it was made with (it predates "
                        + "parts): run that part again")
            }
            return study
        }
        let first = studies[0]
        for (file, study) in zip(files, studies).dropFirst() {
            let differences = first.differences(from: study)
            if !differences.isEmpty {
                throw SearchError(
                    "\(file) differs from \(files[0]): \(differences.joined(separator: "; ")); "
                        + "only the parts of one study can be merged")
            }
        }
        let order = try StudySeeds.merged(
            zip(files, studies).map { ($0, $1.seeds) }, expected: expected(first.searchSeed!))
        var position: [UInt64: (study: Int, index: Int)] = [:]
        for (s, study) in studies.enumerated() {
            for (i, seed) in study.seeds.enumerated() { position[seed] = (s, i) }
        }
        let entries = first.entries.enumerated().map { e, entry in
            var merged = entry
            for key in entry.measures.keys {
                merged.measures[key] = StudyMeasure(
                    order.map { seed in
                        let (s, i) = position[seed]!
                        return studies[s].entries[e].measures[key]!.values[i]
                    })
            }
            return merged
        }
        var study = first
        (study.seeds, study.entries) = (order, entries)
        study.secondsTotal = studies.reduce(0) { $0 + $1.secondsTotal }
        return (study, files)
    }

    /// How these settings or configurations differ from `other`'s, each "name there against here".
    func differences(from other: SearchSeedStudy) -> [String] {
        var found: [String] = []
        let pairs: [(String, String?, String?)] = [
            ("search seed", searchSeed.map(String.init), other.searchSeed.map(String.init)),
            ("epochs", maxEpochs.map(String.init), other.maxEpochs.map(String.init)),
            ("space", space, other.space), ("data (fingerprint)", data, other.data),
            ("product path", products, other.products),
        ]
        for (name, here, there) in pairs where here != there {
            found.append("\(name) \(there ?? "unrecorded") against \(here ?? "unrecorded")")
        }
        let mine = entries.map { "\($0.index) \($0.configuration) rank \($0.searchRank)" }
        let theirs = other.entries.map { "\($0.index) \($0.configuration) rank \($0.searchRank)" }
        let keys = { (study: SearchSeedStudy) in study.entries.map { $0.measures.keys.sorted() } }
        if mine != theirs || keys(self) != keys(other) {
            found.append(
                "configurations \(theirs.joined(separator: ", ")) against \(mine.joined(separator: ", "))")
        }
        return found
    }
}

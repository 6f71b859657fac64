import Foundation
import WorkbookData
import WorkbookFigures

extension CommonOptions {
    /// The seeds of `--seeds`; nil for a single run.
    public var studySeeds: [UInt64]? { seeds?.seeds(from: seed) }

    /// Where seed `seed` of a study in `folder` writes its own run: reports, checkpoints.
    public static func seedFolder(_ seed: UInt64, in folder: String) -> String {
        SeedStudyReport.seedFolder(seed, in: folder)
    }

    /// These options for one seed of a study: that seed, the seed's own folder, no further study.
    public func forSeed(_ seed: UInt64) -> CommonOptions {
        var options = self
        options.run.givenSeed = seed
        options.run.output.out = Self.seedFolder(seed, in: outputFolder)
        options.seeds = nil
        return options
    }

    /// A section's run: with `--seeds`, a study of `train` (see `runStudy`), each seed's outcome giving
    /// its reports; without, `train` once with these options, then `finish` with its outcome (a single
    /// run's figures, which a study leaves out).
    public func runOrStudy<Outcome>(
        _ train: (CommonOptions) throws -> Outcome, reports: (Outcome) -> [RunReport],
        then finish: (Outcome) throws -> Void
    ) throws {
        guard studySeeds == nil else {
            try runStudy { reports(try train($0)) }
            return
        }
        try finish(try train(self))
    }

    /// A seed study: runs `body` once per seed of `--seeds` with `forSeed(seed)`, so that each run is
    /// exactly the single run with that seed, then writes the study of every section the runs reported
    /// (`<section>.study.json`) and its loss figure with the band over seeds. The runs go one after the
    /// other: each already keeps both cores busy (see `Trainer`).
    @discardableResult
    public func runStudy(_ body: (CommonOptions) throws -> [RunReport]) throws -> [SeedStudyReport] {
        let seeds = studySeeds ?? [seed]
        var reports: [String: [RunReport]] = [:], sections: [String] = []
        for (index, seed) in seeds.enumerated() {
            print("Seed \(seed) (\(index + 1) of \(seeds.count) in this study)")
            let options = forSeed(seed)
            try AtomicFile.checkWritable(folder: options.outputFolder)
            for report in try body(options) {
                if reports[report.section] == nil { sections.append(report.section) }
                reports[report.section, default: []].append(report)
            }
        }
        let studies = sections.map { SeedStudyReport(reports: reports[$0]!) }
        for study in studies {
            print(study.summary)
            print("Seed study: \(try study.write(toFolder: outputFolder))")
        }
        try publish(studies.map(\.lossFigure))
        return studies
    }
}

extension SeedStudyReport {
    /// The model a section trains, as the titles of its own figures name it; a study's figure is
    /// titled with it rather than with the program's name. "-sequence" adds the layout.
    static func modelName(of section: String) -> String {
        let layout = " (sequence layout)", sequence = section.hasSuffix("-sequence")
        let base = sequence ? String(section.dropLast("-sequence".count)) : section
        let names = [
            "ch11-cnn": "CNN", "ch11-cnn-dnn": "Chapter 10's DNN", "ch11-giss-rnn": "Simple RNN on GISS",
            "ch11-cet-rnn": "Simple RNN on CET", "ch11-gru-lstm-gru": "GRU on CET",
            "ch11-gru-lstm-lstm": "LSTM on CET", "ch11-dropout": "GRU with dropout on CET",
            "ch11-dropout-none": "GRU without dropout on CET",
            "ch11-dropout-recurrent": "GRU with recurrent dropout on CET",
            "ch11-bidirectional": "Bidirectional GRU on CET",
        ]
        guard let name = names[base] else { return section }
        return name + (sequence ? layout : "")
    }

    /// The study's loss curves: the mean over seeds, with the band from the lowest to the highest.
    public var lossFigure: Figure {
        .lossBands(
            name: "fig-\(section)-loss-seeds",
            title: "\(Self.modelName(of: section)): loss per epoch over \(seeds.count) seeds",
            training: trainLoss, validation: valLoss,
            caption: "training and validation MSE per epoch: the mean over \(seeds.count) seeds, and the "
                + "range from the lowest to the highest seed")
    }
}

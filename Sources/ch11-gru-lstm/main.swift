// Walkthrough 11.5 (chapters/11-05-gru-lstm.md): the same Central England data with the book's GRU and LSTM
// models.
import ArgumentParser
import Workbook
import WorkbookData
import WorkbookFigures

enum Choice: String, ExpressibleByArgument, CaseIterable {
    case gru, lstm, both

    /// The models to train, in turn.
    var models: [BookModel] {
        switch self {
        case .gru: [.gru]
        case .lstm: [.lstm]
        case .both: [.gru, .lstm]
        }
    }
}

struct GRULSTMSection: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch11-gru-lstm",
        abstract: "Train the book's GRU and/or LSTM model on the Central England daily temperatures.",
        discussion:
            "Each model writes its own run report (ch11-gru-lstm-gru, ch11-gru-lstm-lstm) and figures.")

    @OptionGroup var common: CommonOptions<CETBook>
    @OptionGroup var cet: CETOptions
    @Option(help: "Which model to train: gru, lstm, or both in turn.")
    var model: Choice = .both

    func run() throws {
        try common.prepareOutput()
        let models = model.models
        if common.studySeeds != nil {
            try common.runStudy { options in
                try models.map {
                    try runCETExperiment(
                        $0, section: cet.gruLSTMSection($0), common: options, cet: cet
                    ).report
                }
            }
            return
        }
        for bookModel in models {
            let name = bookModel.rawValue
            // snippet.train
            // 11.4's data, model and training, with the GRU's or the LSTM's layers (BookModels.swift)
            let outcome = try runCETExperiment(
                bookModel, section: cet.gruLSTMSection(bookModel), common: common, cet: cet)
            // snippet.end
            try common.publish(
                outcome.figures(
                    allDays: "fig-cet-\(name)-predictions" + cet.suffix,
                    lastHundred: "fig-cet-\(name)-last-100-days" + cet.suffix,
                    losses: "fig-cet-\(name)-loss" + cet.suffix, title: "\(name.uppercased()) on CET"))
        }
    }
}

GRULSTMSection.runSection()

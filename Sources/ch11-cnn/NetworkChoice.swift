import ArgumentParser
import SequenceNet
import Workbook
import WorkbookData
import WorkbookFigures

/// Which network `ch11-cnn` trains: the chapter's CNN, or Chapter 10's dense network that the chapter
/// measures it against.
enum NetworkChoice: String, ExpressibleByArgument, CaseIterable {
    case cnn, dnn

    /// Its run report's name.
    var section: String { self == .cnn ? "ch11-cnn" : "ch11-cnn-dnn" }

    /// What the book reports for it.
    var bookMAE: String { self == .cnn ? "\(Book.maeReported)" : "Chapter 10's notebook: 4.3663" }

    /// `common` with this network's book settings where the options left them out: Chapter 10's
    /// notebook trains its dense network for 100 epochs at Adam's default rate, 1e-3.
    func defaults(_ common: CommonOptions<Book>) -> CommonOptions<Book> {
        guard self == .dnn else { return common }
        var options = common
        if options.run.epochs == nil { options.run.epochs = options.quick ? Book.quickEpochs : 100 }
        if options.givenLearningRate == nil { options.givenLearningRate = 1e-3 }
        return options
    }

    func figures(data: BookSplit, predictions: [Float], history: TrainingHistory) -> [Figure] {
        let (name, label) = self == .cnn ? ("fig-11-04-cnn", "CNN") : ("fig-dnn", "Chapter 10's DNN")
        return [
            .seriesPredictions(
                name: name + "-predictions", title: "\(label): validation values and predictions",
                data: data, predictions: predictions,
                caption: "the \(label)'s predictions for the validation windows against the actual values"),
            .losses(
                name: self == .cnn ? "fig-11-04b-cnn-loss" : "fig-dnn-loss",
                title: "\(label): loss per epoch",
                training: history.trainLoss, validation: history.validationLoss,
                caption: "training and validation MSE of the \(label) per epoch"),
        ]
    }
}

// snippet.dnn-model
/// Chapter 10's dense network: `inputs` values -> 10 -> 10 -> 1, ReLU between.
func denseNetwork(inputs: Int, _ random: RandomSource) -> Sequential {
    Sequential([
        Flatten(),  // [B, 1, 29] -> [B, 29]
        Linear(inputs, 10, random: random), ReLU(),
        Linear(10, 10, random: random), ReLU(),
        Linear(10, 1, random: random),  // -> [B, 1]
    ])
}
// snippet.end

/// What one run of `ch11-cnn` produced.
struct NetworkOutcome {
    let report: RunReport
    let figures: [Figure]
}

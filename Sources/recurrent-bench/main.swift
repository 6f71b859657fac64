// Seconds per training epoch of the book's recurrent models at the CET settings (79,941 training and
// 11,502 validation windows of 59 values, batch 128, Adam 5e-4), on random data of the same shapes:
// the time an epoch takes does not depend on the values. Tools/benchmark/recurrent_pytorch.py does
// the same in PyTorch; Tools/benchmark/recurrent.sh runs both.
import Foundation
import SequenceNet
import Workbook

func option(_ name: String, _ fallback: String) -> String {
    let arguments = CommandLine.arguments
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return fallback }
    return arguments[i + 1]
}

let models = option("--model", "all") == "all" ? BookModel.allCases : [BookModel(rawValue: option("--model", "all"))!]
let layouts = option("--layout", "both") == "both" ? ["book", "sequence"] : [option("--layout", "book")]
let epochs = Int(option("--epochs", "1"))!
let trainCount = Int(option("--train", "79941"))!, validationCount = Int(option("--validation", "11502"))!
let features = 59

let random = RandomSource(seed: 42)
func randomSet(_ count: Int, shape: [Int], _ random: RandomSource) -> Dataset {
    Dataset(features: (0..<count * features).map { _ in random.uniform(-2, 2) },
            targets: (0..<count).map { _ in random.uniform(-2, 2) }, exampleShape: shape)
}
print("model  layout    s/epoch  parameters")
for layout in layouts {
    let shape = layout == "book" ? [1, features] : [features, 1]
    let train = randomSet(trainCount, shape: shape, random), validation = randomSet(validationCount, shape: shape, random)
    for model in models {
        let built = model.build(inputSize: shape[1], dropout: 0.1, random: random)
        let trainer = Trainer(model: built.model, optimizer: Adam(built.model.parameters, learningRate: 5e-4), random: random)
        let history = try trainer.fit(train: train, validation: validation, options: TrainingOptions(epochs: epochs, batchSize: 128))
        print(model.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0), layout.padding(toLength: 8, withPad: " ", startingAt: 0),
              String(format: "%8.3f", history.trainingSeconds / Double(history.epochs)), built.bookParameterCount)
    }
}

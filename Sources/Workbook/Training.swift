import SequenceNet

extension CommonOptions {
    /// Trains `model` as every section does: Adam at the options' learning rate, MSE, shuffled batches of
    /// the options' size, the options' number of epochs, progress on standard error. `afterEpoch` sees
    /// each finished epoch (a section keeps snapshots with it).
    public func train(_ model: Sequential, on data: BookSplit, label: String, random: RandomSource,
                      afterEpoch: (EpochRecord, Trainer) -> Void = { _, _ in }) throws -> (trainer: Trainer, history: TrainingHistory) {
        // snippet.train
        let epochs = resolvedEpochs
        let trainer = Trainer(model: model, optimizer: Adam(model.parameters, learningRate: lr), random: random)
        let progress = ProgressReporter(label: label, totalEpochs: epochs, quiet: noProgress)
        let history = try trainer.fit(train: data.train, validation: data.validation,
                                      options: TrainingOptions(epochs: epochs, batchSize: batchSize)) { record in
            progress.report(record)
            afterEpoch(record, trainer)
            return .proceed
        }
        progress.finish()
        // snippet.end
        return (trainer, history)
    }
}

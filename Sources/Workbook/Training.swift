import SequenceNet

extension CommonOptions {
    /// Trains `model` as every section does: Adam at the options' learning rate, MSE, shuffled batches of
    /// the options' size, the options' number of epochs, progress on standard error. With a checkpoint
    /// file, every epoch is saved to it and `--resume` continues from it. Ctrl-C stops a run cleanly.
    /// With `--live`, the losses so far are redrawn after each epoch (refused before training without
    /// gnuplot).
    /// `afterEpoch` sees each finished epoch (a section keeps snapshots with it).
    public func train(_ model: Sequential, on data: BookSplit, label: String, random: RandomSource,
                      checkpoint: CheckpointFile? = nil,
                      afterEpoch: (EpochRecord, Trainer) -> Void = { _, _ in }) throws -> (trainer: Trainer, history: TrainingHistory) {
        try AtomicFile.checkWritable(folder: outputFolder)
        do {
            // snippet.train
            let epochs = resolvedEpochs
            let trainer = Trainer(model: model, optimizer: Adam(model.parameters, learningRate: lr), random: random)
            let resumed = try checkpoint?.load()
            let progress = ProgressReporter(label: label, totalEpochs: epochs, resumedAfter: resumed?.epoch ?? 0, quiet: noProgress)
            defer { progress.finish() }
            let live = self.live ? try LiveLossPlot(label: label, totalEpochs: epochs, resumed: resumed) : nil
            defer { live?.finish() }
            trainer.stopRequested = { Interrupt.requested }
            let history = try Interrupt.catching {
                try trainer.fit(train: data.train, validation: data.validation,
                                options: TrainingOptions(epochs: epochs, batchSize: batchSize), resumingFrom: resumed) { record in
                    live?.add(record)
                    progress.report(record, show: live?.replacesProgress != true)
                    try checkpoint?.save(trainer)
                    afterEpoch(record, trainer)
                    return .proceed
                }
            }
            // snippet.end
            return (trainer, history)
        } catch TrainingError.interrupted(let epoch) {
            throw CheckpointFile.reportInterruption(during: epoch, checkpoint: checkpoint)
        }
    }
}

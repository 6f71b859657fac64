import SequenceNet
import WorkbookData
import WorkbookFigures

extension CommonOptions {
    /// The trainer every section uses: Adam at the options' learning rate over the model `build` makes
    /// (once per worker; see `Trainer`), with the run's one random source.
    public func trainer(random: RandomSource, model build: (RandomSource) -> Sequential) -> Trainer {
        Trainer(learningRate: lr, random: random, model: build)
    }

    /// Trains as every section does: MSE, shuffled batches of the options' size, the options' number of
    /// epochs, progress on standard error. With a checkpoint file, every epoch is saved to it and
    /// `--resume` continues from it. Ctrl-C stops a run cleanly. With `--live`, the losses so far are
    /// redrawn after each epoch (refused before training without gnuplot). `afterEpoch` sees each
    /// finished epoch (a section keeps snapshots with it).
    public func train(
        _ trainer: Trainer, on data: BookSplit, label: String, checkpoint: CheckpointFile? = nil,
        afterEpoch: (EpochRecord) -> Void = { _ in }
    ) throws -> TrainingHistory {
        try AtomicFile.checkWritable(folder: outputFolder)
        if let metered = ProductShapeLog.engine(for: run.productShapes) { trainer.products = metered }
        defer { try? ProductShapeLog.record(trainer.products.meter, to: run.productShapes) }
        do {
            // snippet.train
            let epochs = resolvedEpochs
            let resumed = try checkpoint?.load(requestedEpochs: epochs)
            let progress = ProgressReporter(
                label: label, totalEpochs: epochs, resumedAfter: resumed?.epoch ?? 0,
                quiet: noProgress)
            defer { progress.finish() }
            let live = self.live ? try LiveLossPlot(label: label, totalEpochs: epochs, resumed: resumed) : nil
            defer { live?.finish() }
            trainer.stopRequested = { Interrupt.requested }
            let options = TrainingOptions(epochs: epochs, batchSize: batchSize, keepBest: true)
            return try Interrupt.catching {
                try trainer.fit(
                    train: data.train, validation: data.validation, options: options,
                    resumingFrom: resumed
                ) { record in
                    live?.add(record)
                    progress.report(record, show: live?.replacesProgress != true)
                    try checkpoint?.save(trainer)
                    afterEpoch(record)
                    return .proceed
                }
            }
            // snippet.end
        } catch TrainingError.interrupted(let epoch) {
            throw CheckpointFile.reportInterruption(during: epoch, checkpoint: checkpoint)
        }
    }
}

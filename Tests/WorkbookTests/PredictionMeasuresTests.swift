import Foundation
import Testing
import WorkbookData

/// The shared measures of a prediction series, on cases worked out by hand.
@Suite struct PredictionMeasuresTests {
    /// A wiggly series with no period shorter than the lags searched.
    let actuals: [Float] = (0..<200).map { t in
        let x = Double(t)
        return Float(sin(x * 0.37) + 0.5 * sin(x * 0.113 + 1) + 0.01 * x)
    }

    @Test(arguments: [-3, 0, 1, 2, 5])
    func predictionsShiftedByKStepsHaveLagK(k: Int) throws {
        // prediction t = actual t − k: the predictions repeat each value k steps late (early for k < 0).
        let predictions = actuals.indices.map { t in actuals[min(max(t - k, 0), actuals.count - 1)] }
        let lag = try LagMeasure.measure(predictions: predictions, actuals: actuals)
        #expect(lag.bestShift == k)
        #expect(abs(lag.correlationAtBest - 1) < 1e-6)
        #expect(k == 0 ? lag.correlationAtZero == lag.correlationAtBest : lag.correlationAtZero < 0.99)
    }

    @Test func anExactCopyHasNoLagEvenWithSmoothSeries() throws {
        // A straight line correlates perfectly at every shift: the tie goes to shift 0.
        let line = (0..<50).map { Float($0) }
        let lag = try LagMeasure.measure(predictions: line, actuals: line)
        #expect(lag.bestShift == 0 && abs(lag.correlationAtBest - 1) < 1e-12)
    }

    @Test func constantPredictionsFailClearly() {
        let constant = [Float](repeating: 2.5, count: actuals.count)
        #expect(throws: MeasureError.constant(what: "predictions", value: 2.5)) {
            try LagMeasure.measure(predictions: constant, actuals: actuals)
        }
        let message = "\(MeasureError.constant(what: "predictions", value: 2.5))"
        #expect(message.contains("constant") && message.contains("2.5") && message.contains("no lag"))
        #expect(throws: MeasureError.tooShort(count: 4, needed: 8)) {
            try LagMeasure.measure(predictions: [1, 2, 3, 4], actuals: [1, 2, 3, 5])
        }
    }

    @Test func extremesAreTheTargetsFarthestFromTheMean() {
        // Mean 0; 40 targets, so ⌈5%⌉ = 2 extremes: −9 (index 3) and 8 (index 30).
        var targets = [Float](repeating: 0, count: 40)
        targets[3] = -9
        targets[30] = 8
        targets[10] = 1
        targets[11] = -0.5
        targets[12] = -0.5
        #expect(ExtremesMAE.indices(of: targets) == [3, 30])
        var predictions = targets
        predictions[3] = -6  // off by 3
        predictions[30] = 9  // off by 1
        predictions[10] = 100  // not an extreme: does not count
        #expect(ExtremesMAE.of(predictions, targets: targets) == 2)
        // 21 targets: ⌈1.05⌉ = 2.
        #expect(ExtremesMAE.indices(of: Array(targets.prefix(21))).count == 2)
    }

    @Test func studyMeasuresAreMeanSampleSpreadAndRange() {
        let measure = StudyMeasure([1, 2, 3, 6])
        #expect(measure.mean == 3 && measure.min == 1 && measure.max == 6)
        // Squares of the distances: 4 + 1 + 0 + 9 = 14, over n − 1 = 3.
        #expect(abs(measure.std - (14.0 / 3).squareRoot()) < 1e-12)
        #expect(StudyMeasure([0.25]).std == 0)
    }

    @Test func theSmoothedCurveFindsTheFlatStretchNotTheLuckyEpoch() {
        // One lucky epoch (5) in a curve that falls until epoch 30 and rises after.
        var losses = (1...60).map { Float(abs($0 - 30)) / 30 + 1 }
        losses[4] = 0.5
        #expect(losses.firstIndex(of: losses.min()!)! + 1 == 5)
        let smoothed = SeedStudyReport.smoothedLowest(losses)!
        // The 10-epoch means ending at 34 and 35 (25...34, 26...35) are the lowest: 1 + 25 / 300 each.
        #expect([34, 35].contains(smoothed.epoch))
        #expect(abs(smoothed.loss - (1 + 25.0 / 300)) < 1e-5)
        #expect(SeedStudyReport.smoothedLowest([1, 2, 3]) == nil)
    }

    @Test func lateNoiseAndLateChangeTellASteadyCurveFromAJaggedOne() throws {
        let falling = (1...100).map { Float(2 - Double($0) / 100) }  // 1.99 down to 1.0, evenly
        let jagged = falling.enumerated().map { $0.element + ($0.offset % 2 == 0 ? 0.1 : -0.1) }
        let steady = try #require(SeedStudyReport.lateNoise(falling))
        #expect(steady < 1e-6)
        #expect(try #require(SeedStudyReport.lateNoise(jagged)) > 0.1)
        // The last ten epochs average 1.045, the ten before 1.145.
        let change = try #require(SeedStudyReport.lateChange(falling))
        #expect(abs(change - (1.045 / 1.145 - 1)) < 1e-5)
        #expect(SeedStudyReport.lateChange(Array(falling.prefix(19))) == nil)
    }
}

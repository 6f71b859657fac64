import Foundation
import SequenceNet
import WorkbookData

/// The live plot of one training run: training and validation loss of the epochs so far, on a log
/// scale, over an epoch axis as long as the whole run, so the curve grows towards its end.
public final class LiveLossPlot {
    private let plot: LivePlot
    private let label: String
    private let totalEpochs: Int
    private var training: [Float]
    private var validation: [Float]

    /// Starts gnuplot (or refuses when it is missing). A resumed run starts from the losses its
    /// checkpoint holds.
    public init(label: String, totalEpochs: Int, resumed: TrainingCheckpoint? = nil) throws {
        self.label = label
        self.totalEpochs = totalEpochs
        (training, validation) = (resumed?.trainLoss ?? [], resumed?.validationLoss ?? [])
        plot = try LivePlot(
            title: label,
            settings: """
                set xlabel "epoch"
                set ylabel "MSE loss (log scale)"
                set key top right
                set xrange [1:\(max(2, totalEpochs))]
                """)
    }

    /// Whether the plot stands in for the progress lines (see `LivePlot.replacesProgress`).
    public var replacesProgress: Bool { plot.replacesProgress }

    /// Redraws with one more epoch.
    public func add(_ record: EpochRecord) {
        training.append(record.trainLoss)
        validation.append(record.validationLoss)
        plot.show(frame())
    }

    /// Ends the stream, leaving the final curve on screen.
    public func finish() { plot.finish() }

    /// One frame: the losses so far as an inline data block, the axis fitted to them, the plot.
    func frame() -> String {
        let rows = (0..<training.count).map { "\($0 + 1) \(training[$0]) \(validation[$0])" }
        let (train, val) = (Double(training.last ?? 0), Double(validation.last ?? 0))
        let title = String(
            format: "%@: epoch %d of %d, train loss %.5g, val loss %.5g", label,
            training.count, totalEpochs, train, val)
        return """
            $loss << EOD
            \(rows.joined(separator: "\n"))
            EOD
            set title "\(LivePlot.quoted(title))"
            \(LiveAxis.logarithmic(training + validation))
            plot $loss using 1:2 with lines title "training", $loss using 1:3 with lines title "validation"

            """
    }
}

/// Axis commands for live frames, which must draw without warnings from their first point on.
public enum LiveAxis {
    /// A log-scale y axis over the values' range, padded, and widened when they are all equal (gnuplot
    /// warns on an empty range, and its warnings would land in the middle of a text plot).
    public static func logarithmic(_ values: [Float]) -> String {
        let positive = values.filter { $0 > 0 && $0.isFinite }.map(Double.init)
        guard var low = positive.min(), var high = positive.max() else {
            return "set logscale y\nset autoscale y"
        }
        if low == high { (low, high) = (low / 1.1, high * 1.1) }
        return Figure.logScaleAxis(values) + "\nset yrange [\(low / 1.05):\(high * 1.05)]"
    }
}

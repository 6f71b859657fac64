import Foundation
import SequenceNet
import WorkbookData
import WorkbookFigures

/// Shows training progress: on a terminal one line rewritten in place (at most ten times a second),
/// elsewhere (logs, CI, pipes) about ten lines for the whole run, so logs stay readable.
public final class ProgressReporter {
    private let label: String
    private let totalEpochs: Int
    /// Epochs a resumed run had finished before this process started (they took no time here).
    private let resumedAfter: Int
    private let interactive: Bool
    private let quiet: Bool
    private var lastDraw = 0.0
    private var elapsed = 0.0
    private var lineOpen = false

    public init(label: String, totalEpochs: Int, resumedAfter: Int = 0, quiet: Bool = false) {
        self.label = label
        self.totalEpochs = totalEpochs
        self.resumedAfter = resumedAfter
        self.quiet = quiet
        interactive = isatty(STDERR_FILENO) == 1
    }

    /// Call after each epoch; with `show` false the epoch is only counted (a live plot is showing it).
    public func report(_ record: EpochRecord, show: Bool = true) {
        elapsed += record.seconds
        guard !quiet, show else { return }
        let last = record.epoch == totalEpochs
        let perEpoch = elapsed / Double(max(1, record.epoch - resumedAfter))
        let remaining = perEpoch * Double(totalEpochs - record.epoch)
        let numbers = String(
            format: "train loss %.5g  val loss %.5g  %.4f s/epoch",
            record.trainLoss, record.validationLoss, perEpoch)
        let line =
            "\(label) epoch \(record.epoch)/\(totalEpochs)  \(numbers)  "
            + (last ? "done" : "about \(Self.duration(remaining)) left")
        if interactive {
            let now = Date().timeIntervalSinceReferenceDate
            guard last || now - lastDraw >= 0.1 else { return }
            lastDraw = now
            lineOpen = !last
            printToStandardError("\r\u{1B}[K" + line + (last ? "\n" : ""))
        } else if last || record.epoch % max(1, totalEpochs / 10) == 0 {
            printToStandardError(line + "\n")
        }
    }

    /// Ends an interactive line that stopped before the last epoch (early stopping).
    public func finish() {
        if lineOpen { printToStandardError("\n") }
        lineOpen = false
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 90 ? String(format: "%.0f s", seconds) : String(format: "%.0f min", seconds / 60)
    }
}

import Foundation
import WorkbookData

/// The kinds of figure that several sections draw.
extension Figure {
    /// Training and validation loss per epoch, on a log scale so the late epochs stay readable.
    public static func losses(
        name: String, title: String, training: [Float], validation: [Float],
        yLabel: String = "MSE loss", caption: String
    ) -> Figure {
        precondition(training.count == validation.count)
        let rows = (0..<training.count).map {
            [Double($0 + 1), Double(training[$0]), Double(validation[$0])]
        }
        let data = FigureData(
            fileName: name + ".dat", columns: ["epoch", "training", "validation"], rows: rows)
        return Figure(
            name: name, caption: caption, data: [data],
            commands: """
                set title "\(title)"
                set xlabel "epoch"
                set ylabel "\(yLabel) (log scale)"
                \(logScaleAxis(training + validation))
                set key top right
                \(epochAxis(training.count))
                plot "\(data.fileName)" using 1:2 with lines ls \(FigureStyle.Role.training.rawValue) title \
                "training", \\
                     "" using 1:3 with lines ls \(FigureStyle.Role.validation.rawValue) title "validation"
                """)
    }

    /// A log-scale y axis over the range of `values` (which may leave out points to be clipped) rather than
    /// whole decades (loss curves are often flat
    /// within one), with labelled tics at round values: 1, 2, 5 times a power of ten, or finer when the
    /// range is narrow, and evenly spaced when even those are too few; always one in the axis's lowest
    /// tenth.
    public static func logScaleAxis(_ values: [Float]) -> String {
        let positive = values.filter { $0 > 0 && $0.isFinite }.map(Double.init)
        guard let low = positive.min(), let high = positive.max(), low < high else { return "set logscale y" }
        let powers: ClosedRange<Int> = Int(floor(log10(low)))...Int(ceil(log10(high)))
        let choices: [[Double]] = [
            [1, 2, 5], [1, 1.5, 2, 3, 5, 7], [1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 4, 5, 6, 7, 8, 9],
        ]
        var tics: [Double] = []
        for mantissas in choices {
            tics = []
            for power in powers {
                let scale = pow(10, Double(power))
                tics += mantissas.map { $0 * scale }.filter { $0 >= low && $0 <= high }
            }
            if tics.count >= 4 { break }
        }
        // A curve that stays within a factor of two or so (0.09 to 0.13) meets too few of those:
        // evenly spaced round values then, 1, 2 or 5 times a power of ten apart.
        if tics.count < 4 {
            let steps = (-12...12).flatMap { power in [1.0, 2, 5].map { $0 * pow(10, Double(power)) } }
            let step =
                steps.last { ((high / $0).rounded(.down) - (low / $0).rounded(.up)) >= 3 } ?? (high - low) / 4
            let first = (low / step).rounded(.up)
            tics = stride(from: first, through: (high / step).rounded(.down), by: 1).map { $0 * step }
        }
        // A twentieth of the range's ratio as room above and below.
        let margin = pow(high / low, 0.05)
        let (bottom, top) = (low / margin, high * margin)
        // The lowest values need a tic near them to be read against: when none of those lies in the
        // axis's lowest tenth, one more, at the bottom value rounded up to as few digits as stay there.
        let tenth = bottom * pow(top / bottom, 0.1)
        if !tics.contains(where: { $0 <= tenth }) {
            let extra = (1...6).lazy.map { digits -> Double in
                let unit = pow(10, floor(log10(bottom)) - Double(digits - 1))
                return (bottom / unit).rounded(.up) * unit
            }.first { $0 <= tenth }
            // A tic whose label would crowd the new one's gives way.
            let room = 0.06 * log10(top / bottom)
            if let extra { tics = [extra] + tics.filter { log10($0 / extra) > room } }
        }
        let list = tics.map { String(format: "%g", $0) }.joined(separator: ", ")
        return """
            set logscale y
            set yrange [\(FigureData.format(bottom)):\(FigureData.format(top))]
            set ytics (\(list))
            """
    }

    /// The epoch axis from the first epoch to the last, ticked at whole epochs: gnuplot's own choice
    /// for a few epochs would be 1.2, 1.4...
    public static func epochAxis(_ epochs: Int) -> String {
        switch epochs {
        case ...1: "set xrange [0.5:1.5]\nset xtics 1"
        case 2...5: "set xrange [1:*] noextend\nset xtics 1"
        default: "set xrange [1:*] noextend"
        }
    }
}

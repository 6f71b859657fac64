// Walkthrough 11.1 (chapters/11-01-convolutions.md), by hand: one filter of three weights slid along ten
// numbers, first without padding,
// then with one zero at each end. The library's Conv1d does the work; a plain loop checks it.
import ArgumentParser
import SequenceNet
import Workbook
import WorkbookData

struct HandConvolution: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch11-conv",
        abstract: "The chapter's 1D convolution worked by hand: filter [-0.5, 1, -0.5] over ten numbers.")

    @Option(
        parsing: .unconditionalSingleValue,
        help: ArgumentHelp("The sequence to filter, e.g. --input 1 2 3 4 5.", valueName: "values"))
    var input: [Float] = [4, 8, 15, 16, 23, 42, 51, 64, 99, -1]

    @Option(
        parsing: .unconditionalSingleValue,
        help: ArgumentHelp("The filter's weights, e.g. --filter -0.5 1 -0.5.", valueName: "weights"))
    var filter: [Float] = [-0.5, 1, -0.5]

    /// Where Figures 11-1 to 11-3 go, and whether gnuplot draws them.
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard filter.count >= 1 else { throw ValidationError("--filter needs at least one weight") }
        try FloatOption.checkFinite(input, option: "--input")
        try FloatOption.checkFinite(filter, option: "--filter")
        guard input.count >= filter.count else {
            throw ValidationError("--input needs at least as many values as the filter (\(filter.count))")
        }
        // Sums in double precision: any beyond float32's range would come out of Conv1d as infinity.
        let sums = slide(filter.map(Double.init), over: [0] + input.map(Double.init) + [0])
        let widest = sums.map(abs).max() ?? 0
        guard widest <= Double(Float.greatestFiniteMagnitude) else {
            throw ValidationError(
                "--input and --filter: the filtered values reach \(widest), "
                    + "beyond float32 (about 3.4e38)")
        }
    }

    func run() throws {
        try output.prepare()
        // snippet.conv-layer
        let convolution = Conv1d(
            1, 1, kernelSize: filter.count, padding: .zeros(0),
            random: RandomSource(seed: 0))
        convolution.weight.value.copy(from: Tensor(shape: [1, 1, filter.count], values: filter))
        convolution.bias.value.zero()
        let sequence = Tensor(shape: [1, 1, input.count], values: input)  // [B=1, C=1, T=10]
        let filtered = convolution.forward(sequence, training: false).values
        // snippet.end

        let padded = Conv1d(1, 1, kernelSize: filter.count, padding: .zeros(1), random: RandomSource(seed: 0))
        padded.weight.value.copy(from: convolution.weight.value)
        padded.bias.value.zero()
        let filteredPadded = padded.forward(sequence, training: false).values

        let byHand = slide(filter, over: input)
        let byHandPadded = slide(filter, over: [0] + input + [0])
        let shown = { (values: [Float]) in values.map(show).joined(separator: ", ") }
        print("Filter [\(shown(filter))] over [\(shown(input))]\n")
        printTable(input: input, unpadded: filtered, padded: filteredPadded, half: filter.count / 2)
        let agree = filtered == byHand && filteredPadded == byHandPadded
        print("\nConv1d and the by-hand loop agree: \(agree ? "yes" : "NO")")
        if !agree { throw ExitCode.failure }

        try output.publish(
            [
                ConvolutionDiagrams.sequence(input),
                ConvolutionDiagrams.stride(
                    input, filter: filter, output: filtered, step: 0,
                    name: "fig-11-02-first-stride", title: "The filter over the first three values"),
                ConvolutionDiagrams.stride(
                    input, filter: filter, output: filtered, step: 1,
                    name: "fig-11-03-next-stride", title: "The next stride"),
            ], into: output.folder())
    }
}

/// The definition itself: output[i] = sum over k of filter[k] * values[i + k].
func slide<Number: FloatingPoint>(_ filter: [Number], over values: [Number]) -> [Number] {
    (0...(values.count - filter.count)).map { start in
        zip(filter, values[start...]).reduce(Number.zero) { $0 + $1.0 * $1.1 }
    }
}

/// Whole numbers without a point; others (and those too large for an integer) as Swift prints them.
func show(_ value: Float) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}

/// One row per input value: what the filter makes of it without padding (blank where the value
/// never sits under the filter's centre) and with one zero of padding at each end.
func printTable(input: [Float], unpadded: [Float], padded: [Float], half: Int) {
    func cell(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
    print(cell("t", 3) + cell("input", 8) + cell("no padding", 13) + cell("padding 1", 12))
    for (t, value) in input.enumerated() {
        let inner = t - half
        let unpaddedText = (0..<unpadded.count).contains(inner) ? show(unpadded[inner]) : "-"
        let paddedText = (0..<padded.count).contains(t) ? show(padded[t]) : "-"
        print(cell(String(t), 3) + cell(show(value), 8) + cell(unpaddedText, 13) + cell(paddedText, 12))
    }
    print("\n\(unpadded.count) values without padding, \(padded.count) with padding 1.")
}

// Negative numbers in --input and --filter would read as option names: see NumberLists.
HandConvolution.runSection(
    NumberLists.expand(Array(CommandLine.arguments.dropFirst()), options: ["--input", "--filter"]))

// Seconds per training epoch of the book's recurrent models at the CET settings (79,941 training and
// 11,502 validation windows of 59 values, batch 128, Adam 5e-4), on random data of the same shapes:
// the time an epoch takes does not depend on the values. Tools/benchmark/recurrent_pytorch.py does
// the same in PyTorch and recurrent_jax.py in JAX; Tools/benchmark/paired.py runs all three. Other
// shapes through --features, --train, --validation, --batch and --dropout (paired.py passes GISS's).
//
// --floor adds what the epoch's matrix products alone take: the time the second epoch spent inside
// them (so it runs at least two), their operations at the speed the product engine (oneDNN) reaches on
// a large product with both cores busy, and the same products at the speed it reaches for each shape.
//
// --peak times only the processor's own 8-wide multiply-adds on both cores at once: the most any
// arrangement of the products could reach on the pinned AVX2 path.
import ArgumentParser
import CProducts
import Foundation
import SequenceNet
import Workbook
import WorkbookData

/// The layouts to time: one, or both.
enum LayoutChoice: String, ExpressibleByArgument, CaseIterable {
    case book, sequence, both
    var layouts: [String] { self == .both ? ["book", "sequence"] : [rawValue] }
}

/// The book's models to time: one, by `BookModel`'s name, or all of them.
enum ModelChoice: ExpressibleByArgument {
    case one(BookModel), all

    init?(argument: String) {
        if argument == "all" {
            self = .all
        } else if let model = BookModel(rawValue: argument) {
            self = .one(model)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { BookModel.allCases.map(\.rawValue) + ["all"] }

    var defaultValueDescription: String {
        switch self {
        case .one(let model): model.rawValue
        case .all: "all"
        }
    }

    var models: [BookModel] {
        switch self {
        case .one(let model): [model]
        case .all: BookModel.allCases
        }
    }
}

struct RecurrentBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recurrent-bench",
        abstract:
            "Seconds per training epoch of the book's recurrent models on random data of the CET shapes.")

    @Option(help: "Which model.") var model: ModelChoice = .all
    @Option(help: "Which input layout.") var layout: LayoutChoice = .both
    @Option(help: "Training windows.") var train = 79_941
    @Option(help: "Validation windows.") var validation = 11_502
    @Option(help: "Values per window, less the target.") var features = 59
    @Option(help: "Examples per training batch.") var batch = 128
    @Option(help: "Dropout of the book's models.") var dropout: Float = 0.1
    @Option(help: "Epochs to time (at least 2 with --floor).") var epochs = 1
    @Flag(help: "Also time the epoch's matrix products alone (see the comment at the top of main.swift).")
    var floor = false
    @Flag(help: "Only time the processor's multiply-add peak on both cores (AVX2), and print it.")
    var peak = false

    func validate() throws {
        for (name, value) in [
            ("--train", train), ("--validation", validation), ("--features", features),
            ("--batch", batch), ("--epochs", epochs),
        ] where value < 1 {
            throw ValidationError("\(name) must be at least 1, got \(value)")
        }
        guard (0..<1).contains(dropout) else {
            throw ValidationError("--dropout must be in [0, 1), got \(dropout)")
        }
    }

    func run() throws {
        if peak {
            print(String(format: "peak\t%.1f", multiplyAddPeak()))
            return
        }
        let epochs = max(self.epochs, floor ? 2 : 1)
        let random = RandomSource(seed: 42)
        func randomSet(_ count: Int, shape: [Int]) -> Dataset {
            Dataset(
                features: (0..<count * features).map { _ in random.uniform(-2, 2) },
                targets: (0..<count).map { _ in random.uniform(-2, 2) }, exampleShape: shape)
        }
        print("model  layout    s/epoch  parameters")
        for layout in layout.layouts {
            let shape = layout == "book" ? [1, features] : [features, 1]
            let train = randomSet(train, shape: shape), validation = randomSet(validation, shape: shape)
            for model in model.models {
                let trainer = Trainer(learningRate: 5e-4, random: random) { random in
                    model.build(inputSize: shape[1], dropout: dropout, random: random).model
                }
                // The meter runs through the second epoch, training and validation (the first warms up).
                let meter = ProductMeter()
                var meteredStart = Date(), meteredSeconds = 0.0
                let history = try trainer.fit(
                    train: train, validation: validation,
                    options: TrainingOptions(epochs: epochs, batchSize: batch)
                ) { record in
                    trainer.products = ProductEngine(meter: floor && record.epoch == 1 ? meter : nil)
                    if record.epoch == 1 { meteredStart = Date() }
                    if record.epoch == 2 { meteredSeconds = Date().timeIntervalSince(meteredStart) }
                    return .proceed
                }
                let parameters = model.bookParameterCount(of: trainer.model, hiddenSize: 100)
                print(
                    model.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0),
                    layout.padding(toLength: 8, withPad: " ", startingAt: 0),
                    String(format: "%8.4f", history.trainingSeconds / Double(history.epochs)), parameters)
                if floor { printFloor(meter, epochSeconds: meteredSeconds) }
            }
        }
    }
}

RecurrentBench.main()

/// The second epoch's products: the time spent in them (summed over both cores, so halved for an
/// epoch's wall time if the cores shared them evenly), and the time the same products take when each
/// shape is run over and over on its own, on both cores at once: at the speed the engine reaches on a
/// large product, and at the speed it reaches for that very shape, which no loop that calls it for
/// those shapes can beat.
func printFloor(_ meter: ProductMeter, epochSeconds: Double) {
    let large = productRate(ProductShape(m: 1024, n: 1024, k: 1024)),
        gigaflops = Double(meter.operations) / 1e9
    let shapes = meter.shapeCounts.sorted { $0.value * $0.key.operations > $1.value * $1.key.operations }
    var atOwnSpeed = 0.0
    for (shape, count) in shapes {
        let work = Double(count * shape.operations) / 1e9, rate = productRate(shape)
        atOwnSpeed += work / rate
        if work / rate > 1e-4 {
            print(
                String(
                    format: "    %@: %d per epoch, %.0f GFLOP/s, %.4f s", shape.description, count, rate,
                    work / rate))
        }
    }
    print(
        String(
            format:
                "  matrix products: %.3f GFLOP per epoch, %.4f s inside them (both cores together) "
                + "of an epoch of %.4f s",
            gigaflops, meter.seconds, epochSeconds))
    print(String(format: "  the product engine, both cores busy: %.0f GFLOP/s on 1024x1024x1024", large))
    print(
        String(
            format:
                "  products alone, s/epoch: %.4f at that speed, %.4f each shape at its own speed, "
                + "%.4f as this run did them",
            gigaflops / large, atOwnSpeed, meter.seconds / 2))
    // One line for scripts: GFLOP, the three times above, and the metered epoch (enough digits for the
    // book layout's sub-millisecond products).
    print(
        String(
            format: "floors\t%.3f\t%.6f\t%.6f\t%.6f\t%.6f", gigaflops, gigaflops / large, atOwnSpeed,
            meter.seconds / 2, epochSeconds))
}

/// GFLOP/s of both cores' own 8-wide multiply-adds, run at once, each on chains of registers with no
/// memory to wait for: the best of ten trials of a fifth of a second per core (a shared machine only
/// ever slows a trial down). Each core writes only its own slot.
func multiplyAddPeak() -> Double {
    final class Rates: @unchecked Sendable {
        let perCore = UnsafeMutablePointer<Double>.allocate(capacity: 2)
        deinit { perCore.deallocate() }
    }
    let rates = Rates()
    var best = 0.0
    for _ in 0..<10 {
        DispatchQueue.concurrentPerform(iterations: 2) { rates.perCore[$0] = products_fma_peak_gflops(0.2) }
        best = max(best, rates.perCore[0] + rates.perCore[1])
    }
    return best
}

/// GFLOP/s of one product shape (onto its output, beta 1) computed over and over on both cores at
/// once, each on its own operands (made, and used once, before the clock starts): the best of five
/// trials of about 3 GFLOP per core (tens of milliseconds), since a shared machine only ever slows a
/// trial down.
func productRate(_ shape: ProductShape) -> Double {
    // Each product runs on one thread (see ProductEngine); the two cores run one each.
    let cores = 2
    let operands = (0..<cores).map { _ in ProductOperands(shape, engine: ProductEngine()) }
    func runOnEveryCore(_ times: Int) {
        DispatchQueue.concurrentPerform(iterations: cores) { operands[$0].run(times: times) }
    }
    runOnEveryCore(1)
    let repeats = max(1, Int(3e9 / Double(shape.operations)))
    var best = 0.0
    for _ in 0..<5 {
        let start = Date()
        runOnEveryCore(repeats)
        best = max(best, Double(cores * repeats * shape.operations) / Date().timeIntervalSince(start) / 1e9)
    }
    return best
}

/// One core's operands for a product shape, sized as the call reads them (gemv: an [m, n] matrix, a
/// vector as long as op(A)'s rows are wide, and one as long as they are many).
final class ProductOperands: @unchecked Sendable {
    let shape: ProductShape
    let a: [Float], b: [Float]
    var c: [Float]

    let engine: ProductEngine

    init(_ shape: ProductShape, engine: ProductEngine) {
        self.shape = shape
        self.engine = engine
        let (m, n, k) = (shape.m, shape.n, shape.k)
        if shape.vector {
            a = [Float](repeating: 0.5, count: m * n)
            b = [Float](repeating: 0.25, count: shape.transposeA ? m : n)
            c = [Float](repeating: 0, count: shape.transposeA ? n : m)
        } else {
            a = [Float](repeating: 0.5, count: m * k)
            b = [Float](repeating: 0.25, count: k * n)
            c = [Float](repeating: 0, count: m * n)
        }
    }

    func run(times: Int) {
        let (m, n, k) = (shape.m, shape.n, shape.k)
        c.withUnsafeMutableBufferPointer { c in
            for _ in 0..<times {
                if shape.vector {
                    engine.gemv(a, transpose: shape.transposeA, m: m, n: n, b, into: c.baseAddress!, beta: 1)
                } else {
                    engine.gemm(
                        a, transposeA: shape.transposeA, b, transposeB: shape.transposeB,
                        into: c.baseAddress!, m: m, n: n, k: k, beta: 1)
                }
            }
        }
    }
}

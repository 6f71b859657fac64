import Foundation
import Synchronization

/// Adam's update of one training step, run by both cores while the step's backward passes finish.
///
/// The two workers' halves of a batch rarely end together: one core waits at the end of every step
/// for the other, and then both run Adam. Adam updates each element on its own, so any part of it can
/// run on either core, and a layer's part can start as soon as both workers' backward passes have left
/// that layer, the top layers first. Each worker reports how many layers (from the top) it has
/// finished; when its own half is done it takes pieces of Adam's pass in that order, waiting only
/// while a piece's layer is still in the other worker's hands. Every element gets the same update as
/// in `Adam.updateAndClear`, in the same arithmetic, so no number changes (AdamDuringBackwardTests).
final class AdamDuringBackward: @unchecked Sendable {
    /// A piece of one parameter's elements in the arena, and how many layers lie above its layer: it
    /// is ready once both workers have finished more layers than that.
    struct Piece {
        let parameter: Int
        let range: Range<Int>
        let layersAbove: Int
    }

    private let optimizer: Adam
    /// Every parameter's elements, cut into pieces of at most `pieceSize`, top layer first.
    let pieces: [Piece]
    /// Each parameter of the first worker's model with the same one of the second's, in arena order.
    private let parameterPairs: [(first: Parameter, second: Parameter)]
    /// Layers each worker's backward pass has finished in this step (Int.max once its part is done).
    private let finishedByFirst = Atomic<Int>(0), finishedBySecond = Atomic<Int>(0)
    private let nextPiece = Atomic<Int>(0)
    /// This step's second-worker gradients and coefficients.
    private var extra: UnsafeMutablePointer<Float>?
    private var coefficients: AdamCoefficients?

    /// For the two workers' copies of one model, whose parameters are `optimizer`'s arena in order;
    /// each copy's backward passes report their progress here from now on.
    init(optimizer: Adam, reportingFrom models: [Sequential], pieceSize: Int = 8192) {
        precondition(models.count == 2 && models[0].parameters.count == optimizer.arena.parameters.count)
        self.optimizer = optimizer
        parameterPairs = Array(zip(models[0].parameters, models[1].parameters))
        let offsets = optimizer.arena.offsets, count = optimizer.arena.count
        let layerCount = models[0].layers.count
        var pieces: [Piece] = []
        for (p, layer) in models[0].layerOfParameter.enumerated() {
            let end = p + 1 < offsets.count ? offsets[p + 1] : count
            for start in stride(from: offsets[p], to: end, by: pieceSize) {
                pieces.append(
                    Piece(
                        parameter: p, range: start..<min(start + pieceSize, end),
                        layersAbove: layerCount - 1 - layer))
            }
        }
        // The top layers' pieces first (stable within a layer), the order they become ready in.
        self.pieces = pieces.enumerated().sorted {
            ($0.element.layersAbove, $0.offset) < ($1.element.layersAbove, $1.offset)
        }.map(\.element)
        for (w, model) in models.enumerated() { model.afterLayerBackward = { self.report($0, worker: w) } }
    }

    /// Ends the reports of `models`' backward passes.
    static func stopReports(from models: [Sequential]) {
        for model in models { model.afterLayerBackward = nil }
    }

    /// Before the step's halves start: Adam's step count and coefficients, and the second worker's
    /// gradients ([N], added to the arena's own and left zero like them). `Adam.updateAndClear`, after
    /// the halves, then only finishes (`end`).
    func begin(adding extraGradients: Tensor) {
        precondition(extraGradients.count == optimizer.arena.count)
        extra = extraGradients.pointer
        coefficients = optimizer.beginStep()
        optimizer.updateRunning = self
        finishedByFirst.store(0, ordering: .relaxed)
        finishedBySecond.store(0, ordering: .relaxed)
        nextPiece.store(0, ordering: .relaxed)
    }

    /// Worker `worker`'s backward pass has finished `layers` layers from the top.
    func report(_ layers: Int, worker: Int) {
        if worker == 0 {
            finishedByFirst.store(layers, ordering: .releasing)
        } else {
            finishedBySecond.store(layers, ordering: .releasing)
        }
    }

    /// Called by each worker once its half of the step is done: takes pieces until none is left.
    func work(as worker: Int) {
        report(.max, worker: worker)
        guard let extra, let coefficients else { preconditionFailure("AdamDuringBackward before begin") }
        let p = optimizer.arena.values.pointer, g = optimizer.arena.gradients.pointer
        let (m, v) = optimizer.moments
        while true {
            let index = nextPiece.add(1, ordering: .relaxed).oldValue
            guard index < pieces.count else { return }
            let piece = pieces[index]
            var spins = 0
            while min(finishedByFirst.load(ordering: .acquiring), finishedBySecond.load(ordering: .acquiring))
                <= piece.layersAbove
            {
                spins += 1
                if spins % (1 << 17) == 0 { sched_yield() }
            }
            guard !passesOver(piece.parameter) else { continue }
            let at = piece.range.lowerBound
            addStepAndClear(
                p + at, g + at, extra + at, m + at, v + at, count: piece.range.count, coefficients)
        }
    }

    /// After both halves: the parameters this step updated no longer have zero moments.
    func end() {
        for parameter in optimizer.momentsAreZero.indices where !passesOver(parameter) {
            optimizer.momentsAreZero[parameter] = false
        }
        (extra, coefficients, optimizer.updateRunning) = (nil, nil, nil)
    }

    /// `Adam.sharesToUpdate`'s rule: no gradient written by either worker, and moments still zero. Read
    /// once both workers have left the parameter's layer.
    private func passesOver(_ parameter: Int) -> Bool {
        let (first, second) = parameterPairs[parameter]
        return first.gradientUntouched && second.gradientUntouched && optimizer.momentsAreZero[parameter]
    }
}

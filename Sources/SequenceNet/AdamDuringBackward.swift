import Foundation
import Synchronization

/// Adam's update of one training step, run by both cores while the step's backward passes finish.
///
/// The two workers' halves of a batch rarely end together: one core waits at the end of every step
/// for the other, and then both run Adam. Adam updates each element on its own, so any part of it can
/// run on either core, and a layer's part can start as soon as both workers' backward passes have left
/// that layer, the top layers first. Each worker reports how many layers (from the top) it has
/// finished; when its own half of the batch is done it takes pieces of Adam's pass in that order,
/// waiting only while a piece's layer is still in the other worker's hands. Each worker first takes
/// the pieces of its own half of the arena, the half `Adam.updateAndClear` gives its core, so that the
/// moments stay in the same core's cache from step to step; then it helps with the other half's.
/// Every element gets the same update as in `Adam.updateAndClear`, in the same arithmetic, so no
/// number changes (AdamDuringBackwardTests).
final class AdamDuringBackward: @unchecked Sendable {
    /// A piece of one parameter's elements in the arena, and how many layers lie above its layer: it
    /// is ready once both workers have finished more layers than that.
    struct Piece {
        let parameter: Int
        let range: Range<Int>
        let layersAbove: Int
    }

    private let optimizer: Adam
    /// Every parameter's elements cut into pieces of at most `pieceSize`, in two lists, one per worker
    /// (`split`), each top layer first.
    private(set) var pieces: [[Piece]] = [[], []]
    /// For each parameter, whether `pieces` was split expecting it to be passed over.
    private var splitFor: [Bool] = []
    /// Each parameter of the first worker's model with the same one of the second's, in arena order.
    private let parameterPairs: [(first: Parameter, second: Parameter)]
    /// For each parameter, how many layers lie above its own.
    private let layersAbove: [Int]
    private let pieceSize: Int
    /// Layers each worker's backward pass has finished in this step (Int.max once its part is done).
    private let finishedByFirst = Atomic<Int>(0), finishedBySecond = Atomic<Int>(0)
    /// The next piece to take from each list.
    private let nextOfFirst = Atomic<Int>(0), nextOfSecond = Atomic<Int>(0)
    /// This step's second-worker gradients and coefficients.
    private var extra: UnsafeMutablePointer<Float>?
    private var coefficients: AdamCoefficients?

    /// For the two workers' copies of one model, whose parameters are `optimizer`'s arena in order;
    /// each copy's backward passes report their progress here from now on.
    init(optimizer: Adam, reportingFrom models: [Sequential], pieceSize: Int = 8192) {
        precondition(models.count == 2 && models[0].parameters.count == optimizer.arena.parameters.count)
        self.optimizer = optimizer
        self.pieceSize = pieceSize
        parameterPairs = Array(zip(models[0].parameters, models[1].parameters))
        layersAbove = models[0].layerOfParameter.map { models[0].layers.count - 1 - $0 }
        // Weakly: a model kept after its trainer must not keep this, Adam and the partner thread alive.
        for (w, model) in models.enumerated() {
            model.afterLayerBackward = { [weak self] in self?.report($0, worker: w) }
        }
    }

    /// Cuts the pieces again if the parameters expected to be passed over (as the last step left their
    /// flags) are not the ones they were cut for.
    private func splitIfNeeded() {
        var changed = splitFor.count != parameterPairs.count
        for p in splitFor.indices where passesOver(p) != splitFor[p] { changed = true }
        guard changed else { return }
        splitFor = parameterPairs.indices.map(passesOver)
        let ranges = optimizer.arena.ranges
        // Where `Adam.updateAndClear` would end its first core's half of the elements it updates: worker
        // 0 takes the pieces before, worker 1 the rest, so that each core keeps its half of the moments
        // in its own cache, step after step, unless one helps the other.
        let updated = ranges.indices.filter { !splitFor[$0] }.map { ranges[$0] }
        let cut = share(of: updated, part: 0, of: 2).last?.upperBound ?? 0
        var lists: [[Piece]] = [[], []]
        for (p, range) in ranges.enumerated() {
            let middle = min(max(range.lowerBound, cut), range.upperBound)
            for part in [range.lowerBound..<middle, middle..<range.upperBound] {
                for start in stride(from: part.lowerBound, to: part.upperBound, by: pieceSize) {
                    lists[start < cut ? 0 : 1].append(
                        Piece(
                            parameter: p, range: start..<min(start + pieceSize, part.upperBound),
                            layersAbove: layersAbove[p]))
                }
            }
        }
        // The top layers' pieces first (stable within a layer), the order they become ready in.
        pieces = lists.map { list in
            list.enumerated().sorted {
                ($0.element.layersAbove, $0.offset) < ($1.element.layersAbove, $1.offset)
            }.map(\.element)
        }
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
        splitIfNeeded()
        extra = extraGradients.pointer
        coefficients = optimizer.beginStep()
        optimizer.updateRunning = self
        finishedByFirst.store(0, ordering: .relaxed)
        finishedBySecond.store(0, ordering: .relaxed)
        nextOfFirst.store(0, ordering: .relaxed)
        nextOfSecond.store(0, ordering: .relaxed)
    }

    /// Worker `worker`'s backward pass has finished `layers` layers from the top.
    func report(_ layers: Int, worker: Int) {
        if worker == 0 {
            finishedByFirst.store(layers, ordering: .releasing)
        } else {
            finishedBySecond.store(layers, ordering: .releasing)
        }
    }

    /// Called by each worker once its half of the step is done: takes ready pieces, its own half of the
    /// arena's first, until none is left.
    func work(as worker: Int) {
        report(.max, worker: worker)
        let lists = pieces  // read once, not on every turn of the loop
        var spins = 0
        while true {
            var listsDone = 0, took = false
            // Its own list, then the other (a range, not an array literal, which would be allocated
            // on every turn of this loop).
            for turn in 0..<2 {
                let list = turn == 0 ? worker : 1 - worker
                let next = taken(list)
                guard next < lists[list].count else {
                    listsDone += 1
                    continue
                }
                let piece = lists[list][next]
                guard isReady(piece) else { continue }
                // Another worker may have taken it first; either way, look again from the top.
                took = true
                if claim(list, piece: next) { update(piece) }
                break
            }
            if listsDone == 2 { return }
            if !took {
                spins += 1
                if spins % (1 << 17) == 0 { sched_yield() }
            }
        }
    }

    /// How many pieces of list `list` have been taken.
    private func taken(_ list: Int) -> Int {
        list == 0 ? nextOfFirst.load(ordering: .relaxed) : nextOfSecond.load(ordering: .relaxed)
    }

    /// Takes piece `index` of list `list` if nobody has taken it yet.
    private func claim(_ list: Int, piece index: Int) -> Bool {
        list == 0
            ? nextOfFirst.compareExchange(expected: index, desired: index + 1, ordering: .relaxed).exchanged
            : nextOfSecond.compareExchange(expected: index, desired: index + 1, ordering: .relaxed).exchanged
    }

    /// Whether both workers have left the piece's layer (and their gradients there are in view).
    private func isReady(_ piece: Piece) -> Bool {
        min(finishedByFirst.load(ordering: .acquiring), finishedBySecond.load(ordering: .acquiring))
            > piece.layersAbove
    }

    /// Updates the piece's elements.
    private func update(_ piece: Piece) {
        guard let extra, let coefficients else { preconditionFailure("AdamDuringBackward before begin") }
        guard !passesOver(piece.parameter) else { return }
        let (p, g) = (optimizer.arena.values.pointer, optimizer.arena.gradients.pointer)
        let (m, v) = optimizer.moments, at = piece.range.lowerBound
        addStepAndClear(p + at, g + at, extra + at, m + at, v + at, count: piece.range.count, coefficients)
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

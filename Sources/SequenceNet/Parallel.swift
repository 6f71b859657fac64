import Dispatch

/// Work split into a fixed number of parts. The parts are the same whether they run one after the
/// other or at once, so results never depend on how many cores a machine has.
enum Parallel {
    /// Calls `body(0)`, ..., `body(parts - 1)`, at once when `concurrently`.
    static func run(_ parts: Int, concurrently: Bool, _ body: (Int) -> Void) {
        if concurrently && parts > 1 {
            // The parts touch disjoint data by construction; the compiler cannot see that, so the
            // closure is handed over unchecked. concurrentPerform returns only when all parts are done.
            withoutActuallyEscaping(body) { body in
                let shared = UncheckedSendable(body)
                DispatchQueue.concurrentPerform(iterations: parts) { shared.value($0) }
            }
        } else {
            for part in 0..<parts { body(part) }
        }
    }
}

private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// The elements of a list of parameters cut into `parts` runs of nearly equal length, for
/// element-wise work (gradient sums, optimiser updates) shared between workers.
struct ElementPartition {
    /// For each part, the (parameter index, element range) pieces it covers.
    let pieces: [[(parameter: Int, range: Range<Int>)]]

    init(sizes: [Int], parts: Int) {
        let total = sizes.reduce(0, +)
        var pieces = [[(parameter: Int, range: Range<Int>)]](repeating: [], count: parts)
        var parameter = 0, offset = 0
        for part in 0..<parts {
            var remaining = total * (part + 1) / parts - total * part / parts
            while remaining > 0 {
                let take = min(remaining, sizes[parameter] - offset)
                pieces[part].append((parameter, offset..<offset + take))
                offset += take
                remaining -= take
                if offset == sizes[parameter] { parameter += 1; offset = 0 }
            }
            while parameter < sizes.count && sizes[parameter] == 0 { parameter += 1 }
        }
        self.pieces = pieces
    }
}

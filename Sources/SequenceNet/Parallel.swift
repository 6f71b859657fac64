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

/// Work split into a fixed number of parts. The parts are the same whether they run one after the
/// other or at once, so results never depend on how many cores a machine has.
enum Parallel {
    /// Calls `body(0)`, ..., `body(parts - 1)`: two parts at once on `pair` when there is one, every
    /// part in turn on the calling thread otherwise.
    static func run(_ parts: Int, on pair: CorePair?, _ body: (Int) -> Void) {
        if let pair, parts == 2 {
            pair.run(body)
        } else {
            for part in 0..<parts { body(part) }
        }
    }
}

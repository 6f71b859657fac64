/// Swaps the first two axes of [outer, inner, width] into [inner, outer, width], for the rows of
/// `outerRange` (all by default). A plain loop rather than a copy call per row: rows are short.
func transpose(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
               outer: Int, inner: Int, width: Int, outerRange: Range<Int>? = nil) {
    for o in outerRange ?? 0..<outer {
        for i in 0..<inner {
            let from = source + (o * inner + i) * width, to = target + (i * outer + o) * width
            for j in 0..<width { to[j] = from[j] }
        }
    }
}

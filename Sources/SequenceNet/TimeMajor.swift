/// Swaps the first two axes of [outer, inner, width] into [inner, outer, width], for the rows of
/// `outerRange` (all by default): between a batch's [B, T, C] layout and the unroller's time-major
/// [T, B, C]. One feature per step (the sequence layout's input) is a plain gather; wider rows are
/// copied whole.
func transpose(
    _ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
    outer: Int, inner: Int, width: Int, outerRange: Range<Int>? = nil
) {
    let range = outerRange ?? 0..<outer
    if width == 1 {
        for o in range {
            for i in 0..<inner { target[i * outer + o] = source[o * inner + i] }
        }
        return
    }
    for o in range {
        for i in 0..<inner {
            (target + (i * outer + o) * width).update(from: source + (o * inner + i) * width, count: width)
        }
    }
}

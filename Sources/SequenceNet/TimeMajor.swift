/// Swaps the first two axes of [outer, inner, width] into [inner, outer, width], for the rows of
/// `outerRange` (all by default): between a batch's [B, T, C] layout and the unroller's time-major
/// [T, B, C]. One feature per step (the sequence layout's input) is a plain gather; wider rows are
/// copied whole, and when either axis has length 1 (the book layout's single step) the order is
/// already the same and the whole block is one copy. With `targetRowStride`, the target's rows lie that
/// many floats apart instead of `width` (a bidirectional layer's directions fill halves of its rows).
func transpose(
    _ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
    outer: Int, inner: Int, width: Int, outerRange: Range<Int>? = nil, targetRowStride: Int? = nil
) {
    let range = outerRange ?? 0..<outer
    let targetStride = targetRowStride ?? width
    if (outer == 1 || inner == 1) && targetStride == width {
        let start = range.lowerBound * inner * width
        (target + start).update(from: source + start, count: range.count * inner * width)
        return
    }
    if width == 1 && targetStride == 1 {
        for o in range {
            for i in 0..<inner { target[i * outer + o] = source[o * inner + i] }
        }
        return
    }
    for o in range {
        for i in 0..<inner {
            (target + (i * outer + o) * targetStride).update(
                from: source + (o * inner + i) * width, count: width)
        }
    }
}

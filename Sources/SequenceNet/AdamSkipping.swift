/// Adam passes over a parameter whose gradient no backward pass wrote (`Parameter.gradientUntouched`,
/// in both workers) while its moments are still zero: with g = 0, m = 0 and v = 0 its update is
/// m = 0, v = 0 and p += -0 / eps, which leaves every bit as it was, so skipping it changes no number.
/// In the book's one-step layout this is every W_hh (the state before the only step is zero): a third
/// to a half of a recurrent model's parameters.
extension Adam {
    /// The two halves of the element ranges to update this step (`rangesToUpdate`). They depend only
    /// on which parameters are passed over, so they are worked out again only when that set changes,
    /// and a training step allocates nothing here.
    func sharesToUpdate(untouched: [Bool]?) -> [[Range<Int>]] {
        var changed = cachedShares.isEmpty
        for index in momentsAreZero.indices {
            let skip = untouched?[index] == true && momentsAreZero[index]
            if skip != skippedLastStep[index] {
                skippedLastStep[index] = skip
                changed = true
            }
        }
        guard changed else { return cachedShares }
        let ranges = rangesToUpdate(untouched: untouched)
        cachedShares = (0..<2).map { share(of: ranges, part: $0, of: 2) }
        return cachedShares
    }

    /// The arena's element ranges to update this step: every parameter's but those that may be
    /// passed over (none without `untouched`), adjacent ranges joined. Marks the updated parameters'
    /// moments as no longer zero.
    func rangesToUpdate(untouched: [Bool]?) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (index, range) in arena.ranges.enumerated() {
            if untouched?[index] == true && momentsAreZero[index] { continue }
            momentsAreZero[index] = false
            if let last = ranges.last, last.upperBound == range.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<range.upperBound
            } else {
                ranges.append(range)
            }
        }
        return ranges
    }

    /// Whether each parameter's moments are all zero in `firstMoments` and `secondMoments` ([N] each),
    /// as after a restore.
    func zeroMoments(_ first: Tensor, _ second: Tensor) -> [Bool] {
        arena.ranges.map { range in
            range.allSatisfy { first.pointer[$0] == 0 && second.pointer[$0] == 0 }
        }
    }
}

/// Part `part` of `parts` equal shares of the elements of `ranges`, taken in order: the ranges (or
/// pieces of them) that hold that share.
func share(of ranges: [Range<Int>], part: Int, of parts: Int) -> [Range<Int>] {
    let total = ranges.reduce(0) { $0 + $1.count }
    let start = total * part / parts, end = total * (part + 1) / parts
    var pieces: [Range<Int>] = [], seen = 0
    for range in ranges {
        let from = max(start - seen, 0), to = min(end - seen, range.count)
        if from < to { pieces.append(range.lowerBound + from..<range.lowerBound + to) }
        seen += range.count
    }
    return pieces
}

/// Vigna's SplitMix64: a 64-bit state advanced by a constant, and a mix of it returned. Integer
/// arithmetic only, so the same seed gives the same stream on every machine and in the Python
/// reference (`Tools/reference/make_seed_comparison_fixture.py`), which the bootstrap relies on.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An index in 0..<count: the high word of next() × count (Lemire's multiply-shift, no division).
    mutating func index(below count: Int) -> Int {
        Int(UInt64(count).multipliedFullWidth(by: next()).high)
    }
}

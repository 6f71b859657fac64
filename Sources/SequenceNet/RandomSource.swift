/// The one seeded random source behind initialisation, shuffling and dropout.
///
/// xoshiro256** seeded through SplitMix64: fast, well tested, and fully determined by the seed,
/// so a run is reproducible bit for bit. It is a class because the model's layers and the
/// training loop share one stream; the order in which they draw is part of a run's identity.
public final class RandomSource {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A source whose whole stream is fixed by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits.
    @inline(__always)
    public func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform `Float` in [0, 1), from 24 random bits (every representable step equally likely).
    @inline(__always)
    public func unitFloat() -> Float { Float(next() >> 40) * 0x1.0p-24 }

    /// A uniform `Float` in [low, high).
    @inline(__always)
    public func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * unitFloat() }

    /// A uniform integer in 0..<bound, without modulo bias (Lemire's method).
    public func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// The generator's whole state: a source given another's state draws the same numbers from then on
    /// (what a checkpoint saves so that a resumed run continues the same stream).
    public var state: [UInt64] {
        get { [s0, s1, s2, s3] }
        set {
            precondition(newValue.count == 4, "a random state has four words")
            (s0, s1, s2, s3) = (newValue[0], newValue[1], newValue[2], newValue[3])
        }
    }

    /// Shuffles `indices` in place (Fisher-Yates).
    public func shuffle(_ indices: inout [Int]) {
        var i = indices.count - 1
        while i > 0 {
            indices.swapAt(i, below(i + 1))
            i -= 1
        }
    }
}

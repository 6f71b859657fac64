/// The one seeded random source behind initialisation, shuffling and dropout.
///
/// xoshiro256** seeded through SplitMix64: fast, well tested, and fully determined by the seed,
/// so a run is reproducible bit for bit. It is a class because the model's layers and the
/// training loop share one stream; the order in which they draw is part of a run's identity.
public final class RandomSource {
    private typealias State = (UInt64, UInt64, UInt64, UInt64)
    private var s: State

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
        let s0 = splitMix(), s1 = splitMix(), s2 = splitMix(), s3 = splitMix()
        s = (s0, s1, s2, s3)
    }

    /// One xoshiro256** step of `s`: its next 64 random bits.
    @inline(__always)
    private static func advance(_ s: inout State) -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3
        s.2 ^= t
        s.3 = (s.3 << 45) | (s.3 >> 19)
        return result
    }

    /// 64 random bits as a uniform `Float` in [0, 1): the top 24, so every representable step is
    /// equally likely.
    @inline(__always)
    private static func unit(_ bits: UInt64) -> Float { Float(bits >> 40) * 0x1.0p-24 }

    /// The next 64 random bits.
    @inline(__always)
    public func next() -> UInt64 { Self.advance(&s) }

    /// A uniform `Float` in [0, 1).
    @inline(__always)
    public func unitFloat() -> Float { Self.unit(next()) }

    /// `count` uniform floats in [0, 1) into `values`: exactly what `count` calls of `unitFloat()`
    /// return, in one loop over a copy of the state. A layer in another file calling `unitFloat()` per
    /// value pays a call and an access check each time (a debug build inlines nothing across files):
    /// a dropout mask drawn that way took about 5% of a book GRU epoch.
    public func fillUnitFloats(_ values: UnsafeMutablePointer<Float>, count: Int) {
        var state = s
        for i in 0..<count { values[i] = Self.unit(Self.advance(&state)) }
        s = state
    }

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
        get { [s.0, s.1, s.2, s.3] }
        set {
            precondition(newValue.count == 4, "a random state has four words")
            s = (newValue[0], newValue[1], newValue[2], newValue[3])
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

import Foundation

/// NumPy's legacy `np.random.RandomState(seed)`: the MT19937 generator seeded as NumPy seeds it
/// from an integer, `random_sample` from two 32-bit draws (53 bits), and `randn` by the polar
/// (Marsaglia) method that caches its second value. Bit-for-bit the same numbers as NumPy, so the
/// book's synthetic series can be rebuilt exactly without Python.
public struct NumPyRandomState {
    private var state = [UInt32](repeating: 0, count: 624)
    private var position = 624
    private var cachedGaussian: Double?

    /// `RandomState(seed)` for an integer seed (NumPy keeps its low 32 bits).
    public init(seed: UInt32) {
        state[0] = seed
        for i in 1..<624 {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
    }

    /// The next raw 32-bit output of MT19937.
    public mutating func nextUInt32() -> UInt32 {
        if position >= 624 { twist() }
        var y = state[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    private mutating func twist() {
        for i in 0..<624 {
            let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7FFF_FFFF)
            var next = state[(i + 397) % 624] ^ (y >> 1)
            if y & 1 != 0 { next ^= 0x9908_B0DF }
            state[i] = next
        }
        position = 0
    }

    /// `random_sample()`: a double in [0, 1) from 27 + 26 random bits.
    public mutating func randomSample() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864 + b) / 9_007_199_254_740_992
    }

    /// `randn()`: one standard normal draw by the legacy polar method.
    public mutating func gaussian() -> Double {
        if let cached = cachedGaussian {
            cachedGaussian = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * randomSample() - 1
            x2 = 2 * randomSample() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let factor = (-2 * log(r2) / r2).squareRoot()
        cachedGaussian = factor * x1
        return factor * x2
    }

    /// `randn(count)`.
    public mutating func gaussians(_ count: Int) -> [Double] { (0..<count).map { _ in gaussian() } }
}

import Foundation

/// The Chapter 10 series the CNN sections learn from: four years of a trend, a yearly pattern and
/// Gaussian noise, computed in `Float` step by step as the book's NumPy code computes it, so every
/// value equals the book's bit for bit.
public enum SyntheticSeries {
    public static let length = 4 * 365 + 1
    public static let baseline: Float = 10
    public static let slope: Float = 0.09
    public static let amplitude: Float = 20
    public static let period: Float = 365
    public static let noiseLevel = 5.0
    public static let noiseSeed: UInt32 = 42

    /// pi rounded to nearest, as NumPy rounds `np.pi` into a float32 product (Swift's `Float.pi`
    /// rounds toward zero and would change the series in its last bit).
    static let pi = Float(Double.pi)

    /// cos(2 pi s) while s < 0.4, then a decaying 1/exp(3 s), with NumPy's own float32 cos and exp
    /// (which differ from the C library's in the last bit for many arguments).
    static func pattern(_ seasonTime: Float) -> Float {
        seasonTime < 0.4
            ? NumPyFloat32Math.cos(seasonTime * 2 * pi) : 1 / NumPyFloat32Math.exp(3 * seasonTime)
    }

    /// series[t] for t = 0, 1, ..., 1460.
    public static func make() -> [Float] {
        // snippet.synthetic
        var random = NumPyRandomState(seed: noiseSeed)
        let noise = random.gaussians(length)
        return (0..<length).map { index in
            let time = Float(index)
            let seasonal = amplitude * pattern(time.truncatingRemainder(dividingBy: period) / period)
            let clean = baseline + slope * time + seasonal
            // NumPy adds the float64 noise in double precision, then stores the sum as float32.
            return Float(Double(clean) + noise[index] * noiseLevel)
        }
        // snippet.end
    }
}

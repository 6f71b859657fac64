import Foundation

/// Student's t distribution, for the interval on a difference of means over a few seeds, where the
/// normal distribution's 1.96 would claim too much (with 5 seeds a side the 95% point is near 2.3).
enum StudentT {
    /// P(T ≤ t) for `degrees` degrees of freedom (any positive real, as Welch's are).
    static func cdf(_ t: Double, degrees: Double) -> Double {
        let x = degrees / (degrees + t * t)
        let tail = 0.5 * regularizedBeta(x, degrees / 2, 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// The t with P(T ≤ t) = p, for 0.5 ≤ p < 1, by bisection on `cdf` until the bracket stops
    /// shrinking: slower than Newton's method, but it cannot step out of its bracket.
    static func quantile(_ p: Double, degrees: Double) -> Double {
        precondition(p >= 0.5 && p < 1 && degrees > 0)
        var low = 0.0, high = 1.0
        while cdf(high, degrees: degrees) < p { (low, high) = (high, high * 2) }
        while true {
            let middle = (low + high) / 2
            guard middle > low && middle < high else { return middle }
            if cdf(middle, degrees: degrees) < p { low = middle } else { high = middle }
        }
    }

    /// I_x(a, b), the regularized incomplete beta function: its continued fraction (Lentz's method),
    /// taken on the side of x where it converges fast.
    static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logFront: Double = a * log(x) + b * log(1 - x) - logBeta
        if x < (a + 1) / (a + b + 2) { return exp(logFront) * continuedFraction(x, a, b) / a }
        return 1 - exp(logFront) * continuedFraction(1 - x, b, a) / b
    }

    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        d = 1 / (abs(d) < tiny ? tiny : d)
        var result = d
        for m in 1...300 {
            let m = Double(m)
            for numerator in [
                m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
            ] {
                d = 1 + numerator * d
                d = 1 / (abs(d) < tiny ? tiny : d)
                c = 1 + numerator / c
                if abs(c) < tiny { c = tiny }
                result *= d * c
            }
            if abs(d * c - 1) < 1e-16 { break }
        }
        return result
    }
}

import Foundation
import Testing
@testable import SequenceNet

/// The recurrent cells' own tanh (a rational function; Tools/reference/fit_tanh.py fits and checks it).
@Suite struct TanhTests {
    /// Distance in units in the last place between two floats of the same sign.
    func ulps(_ a: Float, _ b: Float) -> Int { abs(Int(a.bitPattern) - Int(b.bitPattern)) }

    @Test func withinSixUnitsInTheLastPlace() {
        var worst = 0
        var x: Float = 1e-30
        while x < 12 {
            let exact = Float(Foundation.tanh(Double(x)))
            worst = max(worst, ulps(hyperbolicTangent(x), exact))
            #expect(hyperbolicTangent(-x) == -hyperbolicTangent(x))
            x = x.nextUp.nextUp * 1.0001  // about 700,000 values, spread evenly in the exponent
        }
        #expect(worst <= 6, "largest error \(worst) ulp")
    }

    @Test func limits() {
        #expect(hyperbolicTangent(0) == 0)
        #expect(
            hyperbolicTangent(9) == 1 && hyperbolicTangent(1e30) == 1 && hyperbolicTangent(-.infinity) == -1)
        #expect(hyperbolicTangent(.nan).isNaN)
    }
}

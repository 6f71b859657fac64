@testable import ChapterSync
import Foundation
import Testing

/// The statistics behind every verdict, against `Fixtures/seed-comparisons.json`: the same comparisons
/// computed by scipy's t-tests and a Python SplitMix64 (Tools/reference/make_seed_comparison_fixture.py).
@Suite struct SeedComparisonTests {
    struct Fixture: Decodable {
        struct Quantile: Decodable { let p: Double, degrees: Double, t: Double }
        struct Case: Decodable {
            let name: String
            let a: [Double], b: [Double]
            let claims_lower: Bool, paired: Bool
            let seeds_a: [UInt64]?, seeds_b: [UInt64]?
            let a_threshold: Bool, b_threshold: Bool
            let mean_a: Double, mean_b: Double, difference: Double, low: Double, high: Double
            let degrees: Double?, detectable: Double
            let probability: Double, probability_low: Double, probability_high: Double
            let favourable: Int, comparisons: Int, counts_pairs: Bool
            let verdict: String
        }
        let resamples: Int
        let resampling_seed: UInt64
        let splitmix64_seed_0: [String]
        let t_quantiles: [Quantile]
        let cases: [Case]
    }

    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/seed-comparisons.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    /// Equal to within `relative` of the larger magnitude (scipy's quantiles and ours differ in the last
    /// few bits; a wrong formula is off in the third digit or sooner).
    func close(_ x: Double, _ y: Double, relative: Double = 1e-9) -> Bool {
        abs(x - y) <= relative * max(abs(x), abs(y), 1e-300)
    }

    func sample(_ values: [Double], seeds: [UInt64]?, threshold: Bool, runs: String?) -> SeedSample {
        threshold ? SeedSample(threshold: values[0]) : SeedSample(values: values, seeds: seeds, runs: runs)
    }

    @Test func splitMix64GivesVignasStream() {
        var random = SplitMix64(seed: 0)
        #expect(Self.fixture.splitmix64_seed_0 == (0..<3).map { _ in String(random.next()) })
        // Published first output for seed 0, independent of the fixture.
        var fresh = SplitMix64(seed: 0)
        #expect(fresh.next() == 0xE220_A839_7B1D_CDAF)
        #expect(Self.fixture.resamples == SeedComparison.resamples)
        #expect(Self.fixture.resampling_seed == SeedComparison.resamplingSeed)
    }

    @Test func studentsQuantilesMatchScipy() {
        for q in Self.fixture.t_quantiles {
            let t = StudentT.quantile(q.p, degrees: q.degrees)
            #expect(close(t, q.t), "t(\(q.p), \(q.degrees)) = \(t), scipy \(q.t)")
            #expect(close(StudentT.cdf(q.t, degrees: q.degrees), q.p, relative: 1e-12))
        }
        // The textbook's table: 2.776 for 4 degrees of freedom, 1.96 in the limit.
        #expect(abs(StudentT.quantile(0.975, degrees: 4) - 2.776) < 5e-4)
        #expect(abs(StudentT.quantile(0.975, degrees: 1e7) - 1.960) < 5e-4)
    }

    @Test(arguments: SeedComparisonTests.fixture.cases.map(\.name))
    func aComparisonMatchesTheReference(name: String) throws {
        let c = Self.fixture.cases.first { $0.name == name }!
        // Two measures of the same runs name the same runs; otherwise each study is its own.
        let a = sample(c.a, seeds: c.seeds_a, threshold: c.a_threshold, runs: c.paired ? "f#" : "a#")
        let b = sample(c.b, seeds: c.seeds_b, threshold: c.b_threshold, runs: c.paired ? "f#" : "b#")
        let result = try SeedComparison(a, b, claimsLower: c.claims_lower)
        #expect(result.paired == c.paired)
        #expect(close(result.meanA, c.mean_a, relative: 1e-14))
        #expect(close(result.meanB, c.mean_b, relative: 1e-14))
        #expect(close(result.difference, c.difference, relative: 1e-12))
        #expect(close(result.low, c.low) && close(result.high, c.high), "\(result.low)...\(result.high)")
        #expect(result.degrees.map { d in c.degrees.map { close(d, $0) } ?? false } ?? (c.degrees == nil))
        #expect(close(result.detectable, c.detectable) || (result.detectable == 0 && c.detectable == 0))
        // Counted in halves and divided once: exactly the reference's values, bootstrap included.
        #expect(result.probability == c.probability)
        #expect(result.probabilityLow == c.probability_low && result.probabilityHigh == c.probability_high)
        #expect(result.favourable == c.favourable && result.comparisons == c.comparisons)
        #expect(result.countsPairs == c.counts_pairs)
        #expect(result.verdict.rawValue == "*\(c.verdict)*")
    }

    @Test func aStudyOfOneSeedOrTwoNumbersIsRefused() {
        let one = SeedSample(values: [0.24]), two = SeedSample(values: [0.24, 0.25])
        #expect(throws: SeedComparison.Refusal.self) { try SeedComparison(one, two, claimsLower: true) }
        #expect(throws: SeedComparison.Refusal.self) {
            try SeedComparison(SeedSample(threshold: 1), SeedSample(threshold: 2), claimsLower: true)
        }
    }
}

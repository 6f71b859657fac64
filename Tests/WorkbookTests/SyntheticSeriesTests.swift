import Foundation
import Testing
import WorkbookData

/// The synthetic series against NumPy (Fixtures/synthetic_series.json, made by
/// Tools/reference/make_series_fixture.py): raw generator words, Gaussians and series, bit for bit.
@Suite struct SyntheticSeriesTests {
    struct Fixture: Decodable {
        let count: Int
        let first10: [Float]
        let sha256_float32_le: String
        let first_gaussians: [Double]
        let mt19937_first_uint32: [UInt32]
    }

    let fixture: Fixture = {
        let url = Bundle.module.url(
            forResource: "synthetic_series", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    @Test func mersenneTwisterWords() {
        var random = NumPyRandomState(seed: 42)
        #expect((0..<5).map { _ in random.nextUInt32() } == fixture.mt19937_first_uint32)
    }

    @Test func legacyGaussians() {
        var random = NumPyRandomState(seed: 42)
        #expect(random.gaussians(5) == fixture.first_gaussians)
    }

    @Test func firstValuesExactly() {
        let series = SyntheticSeries.make()
        #expect(series.count == fixture.count)
        #expect(Array(series.prefix(10)) == fixture.first10)
        #expect(series[0] == 32.48357 && series[1] == 29.395714 && series[29] == 28.710733)
    }

    @Test func everyValueExactly() {
        let series = SyntheticSeries.make()
        // Little-endian on every target.
        let bytes = series.withUnsafeBufferPointer { [UInt8](UnsafeRawBufferPointer($0)) }
        #expect(SHA256.hex(bytes) == fixture.sha256_float32_le)
    }

    @Test func sha256KnownAnswers() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hex(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}

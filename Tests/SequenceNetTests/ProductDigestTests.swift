import Foundation
import Testing

@testable import SequenceNet

/// The promise of the pages, checked at the level of single products in about a second: every product
/// shape the chapter's runs call gives here the bits it gave on the machine that made the pages
/// (Fixtures/product-digests.json, made by Tools/reference/product_shapes.sh on the pinned path).
@Suite struct ProductDigestTests {
    static let fixture: ProductDigestFixture = {
        let url = Bundle.module.url(
            forResource: "product-digests", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(ProductDigestFixture.self, from: Data(contentsOf: url))
    }()

    @Test func theEngineRunsOnThePinnedPath() {
        #expect(
            ProductPath.current == Self.fixture.productPath,
            "products run on \(ProductPath.current); the pages were made on \(Self.fixture.productPath)")
        #expect(ProductPath.current.isPinned && ProductPath.current.warning == nil)
    }

    @Test func everyShapeOfTheChaptersRunsGivesThePagesBits() {
        let differing = Self.fixture.digests.filter {
            String(ProductDigest.of($0.shape), radix: 16) != $0.digest
        }
        #expect(Self.fixture.digests.count > 100)
        let examples = differing.prefix(5).map(\.shape.description).joined(separator: ", ")
        let message =
            "\(differing.count) of \(Self.fixture.digests.count) product shapes give other bits on "
            + "\(ProductPath.current) than on \(Self.fixture.productPath), e.g. \(examples)"
        #expect(differing.isEmpty, Comment(rawValue: message))
    }

    /// The digest sees a last-bit difference: one unit in the last place of one input reaches the
    /// outputs of a long product, if at all, as last-bit differences.
    @Test func theDigestSeesOneFlippedInputBit() {
        let long = Self.fixture.digests.map(\.shape).filter { !$0.vector && $0.k >= 1000 }
        #expect(!long.isEmpty)
        #expect(
            long.contains { shape in
                var (a, b) = ProductDigest.inputs(of: shape)
                let digest = ProductDigest.of(shape, a: a, b: b)
                a[0] = Float(bitPattern: a[0].bitPattern ^ 1)
                return ProductDigest.of(shape, a: a, b: b) != digest
            })
    }
}

/// The output bits of one product shape on fixed inputs, as a hash: equal digests on two machines mean
/// their engines give the same bits at that shape. `Tests/SequenceNetTests/Fixtures/product-digests.json`
/// holds the digest of every shape the chapter's runs call, made on the pinned path (`ProductPath`).
public enum ProductDigest {
    /// The fixed inputs of `shape`, from seed 11: A, and B (for a vector product, x).
    public static func inputs(of shape: ProductShape) -> (a: [Float], b: [Float]) {
        let random = RandomSource(seed: 11)
        let (aCount, bCount) =
            shape.vector
            ? (shape.m * shape.n, shape.transposeA ? shape.m : shape.n)
            : (shape.m * shape.k, shape.k * shape.n)
        let a = (0..<aCount).map { _ in random.uniform(-1, 1) }
        return (a, (0..<bCount).map { _ in random.uniform(-1, 1) })
    }

    /// FNV-1a over the output bits of `shape` on its fixed inputs.
    public static func of(_ shape: ProductShape) -> UInt64 {
        let (a, b) = inputs(of: shape)
        return of(shape, a: a, b: b)
    }

    /// FNV-1a over the output bits of `shape` with beta 0, then again with beta 1 on that output, so
    /// that both the plain and the accumulating product are covered.
    public static func of(_ shape: ProductShape, a: [Float], b: [Float]) -> UInt64 {
        let engine = ProductEngine()
        let rows = shape.vector ? (shape.transposeA ? shape.n : shape.m) : shape.m
        let cCount = shape.vector ? rows : shape.m * shape.n
        var c = [Float](repeating: 0, count: cCount)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for beta: Float in [0, 1] {
            // Invariant: a, b and c are not resized while these pointers live.
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        if shape.vector {
                            engine.gemv(
                                a.baseAddress!, transpose: shape.transposeA, m: shape.m, n: shape.n,
                                b.baseAddress!, into: c.baseAddress!, beta: beta)
                        } else {
                            engine.gemm(
                                a.baseAddress!, transposeA: shape.transposeA, b.baseAddress!,
                                transposeB: shape.transposeB, into: c.baseAddress!, m: shape.m, n: shape.n,
                                k: shape.k, beta: beta)
                        }
                    }
                }
            }
            for value in c {
                hash = (hash ^ UInt64(value.bitPattern)) &* 0x100_0000_01b3
            }
        }
        return hash
    }
}

/// The digest fixture: the path it was made on and each shape's digest (hexadecimal).
public struct ProductDigestFixture: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var shape: ProductShape
        public var digest: String
        public init(shape: ProductShape, digest: String) { (self.shape, self.digest) = (shape, digest) }
    }
    public var productPath: ProductPath
    public var digests: [Entry]

    enum CodingKeys: String, CodingKey { case productPath = "product_path", digests }

    public init(productPath: ProductPath, digests: [Entry]) {
        (self.productPath, self.digests) = (productPath, digests)
    }
}

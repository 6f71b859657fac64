import CNNSearch
import Testing

@Suite struct SearchSpaceTests {
    @Test func theBooksSpaceHas48Members() {
        let all = SearchSpace.book
        #expect(all.count == 48)
        #expect(all.allSatisfy { $0.channels.count == $0.convolutionLayers })
        #expect(Set(all.map(\.summary)).count == 48)
        #expect(all.map(\.index) == Array(0..<48))
        #expect(all.contains { $0.summary == "2 conv [64, 32], k5, dense [64, 32], lr 1e-4" })
    }

    @Test func narrowingKeepsTheBooksIndices() {
        var space = SearchSpace()
        space.kernelSizes = [3]
        space.learningRates = [1e-3]
        let narrowed = space.configurations
        #expect(narrowed.count == 12)
        #expect(
            narrowed.allSatisfy {
                SearchSpace.book[$0.index] == $0 && $0.kernelSize == 3 && $0.learningRate == 1e-3
            })
    }
}

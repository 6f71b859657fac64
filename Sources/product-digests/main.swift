// Writes the digest fixture of the pinned product path: for every product shape in the JSON files
// given (written by the chapter's runs with --product-shapes; Tools/reference/product_shapes.sh), the
// hash of its output bits (`ProductDigest`). `ProductDigestTests` recomputes them on the machine that
// runs the tests, so a CPU whose products give other bits is found in a second.
import Foundation
import SequenceNet

let arguments = CommandLine.arguments.dropFirst()
// `--path`: only say, as JSON, what the products run on here (Tools/benchmark/paired.py records it).
if arguments == ["--path"] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    print(String(decoding: try encoder.encode(ProductPath.current), as: UTF8.self))
    exit(0)
}
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: product-digests OUTPUT.json SHAPES.json... | --path\n".utf8))
    exit(64)
}
var shapes = Set<ProductShape>()
for path in arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("product-digests: cannot read \(path)\n".utf8))
        exit(1)
    }
    shapes.formUnion(try JSONDecoder().decode([ProductShape].self, from: data))
}
let fixture = ProductDigestFixture(
    productPath: .current,
    digests: shapes.sorted { $0.description < $1.description }.map {
        .init(shape: $0, digest: String(ProductDigest.of($0), radix: 16))
    })
guard fixture.productPath.isPinned else {
    FileHandle.standardError.write(Data("product-digests: \(ProductPath.current.warning!)\n".utf8))
    exit(1)
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
try encoder.encode(fixture).write(to: URL(fileURLWithPath: arguments.first!), options: .atomic)
print("\(fixture.digests.count) product shapes on \(fixture.productPath): \(arguments.first!)")

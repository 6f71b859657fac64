import Foundation
import SequenceNet

/// The product shapes a run called, for the digest fixture that proves the pinned path on any machine
/// (`ProductDigest`; Tools/reference/product_shapes.sh runs every chapter run with `--product-shapes`).
public enum ProductShapeLog {
    /// A fresh meter when `path` is set: the engine to train with, and the meter to `record` after.
    public static func engine(for path: String?) -> ProductEngine? {
        path.map { _ in ProductEngine(meter: ProductMeter()) }
    }

    /// Adds the meter's shapes to those already in the JSON file at `path` (a run may train several
    /// models), sorted so that the file does not depend on the order the shapes ran in.
    public static func record(_ meter: ProductMeter?, to path: String?) throws {
        guard let meter, let path else { return }
        var shapes = Set(meter.shapeCounts.keys)
        if let data = FileManager.default.contents(atPath: path) {
            shapes.formUnion(try JSONDecoder().decode([ProductShape].self, from: data))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(try encoder.encode(sorted(shapes)), to: path)
    }

    public static func sorted(_ shapes: Set<ProductShape>) -> [ProductShape] {
        shapes.sorted { $0.description < $1.description }
    }
}

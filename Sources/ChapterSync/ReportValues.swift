import Foundation

/// Values read out of run reports (`*.metrics.json`) by a path such as `val_mae`, `settings.window`
/// or `val_loss[-1]` (negative indexes count from the end); `seeds.count` is the length of a list.
enum ReportValues {
    enum Failure: Error, Equatable { case unreadable, unknownKey }

    /// The value at `path` as the chapter prints it: a string as it is, a number with `decimals`.
    static func text(at path: String, in json: Any, decimals: Int, grouped: Bool = true) throws -> String {
        let value = try value(at: path, in: json)
        if let string = value as? String { return string }
        guard let number = value as? NSNumber else { throw Failure.unknownKey }
        return grouped
            ? format(number.doubleValue, decimals: decimals)
            : String(format: "%.\(decimals)f", number.doubleValue)
    }

    /// The JSON value at `path`.
    static func value(at path: String, in json: Any) throws -> Any {
        var current: Any = json
        for component in path.split(separator: ".") {
            var name = Substring(component)
            var index: Int? = nil
            if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
                index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)])
                guard index != nil else { throw Failure.unknownKey }
                name = name[..<open]
            }
            if name == "count", index == nil, let array = current as? [Any] {
                current = array.count
                continue
            }
            guard let object = current as? [String: Any], let value = object[String(name)] else {
                throw Failure.unknownKey
            }
            current = value
            if let index {
                guard let array = current as? [Any], !array.isEmpty else { throw Failure.unknownKey }
                let position = index < 0 ? array.count + index : index
                guard array.indices.contains(position) else { throw Failure.unknownKey }
                current = array[position]
            }
        }
        return current
    }

    /// Whether the key names a timing (`seconds_per_epoch`, `layouts.book.metered_epoch_seconds`), or
    /// the file is a benchmark record (`figures/bench-*.json`: every value in it is a measurement of
    /// speed): the kind of value that differs between two runs with the same seed.
    static func isTiming(_ path: String, file: String = "") -> Bool {
        if (file as NSString).lastPathComponent.hasPrefix("bench-") { return true }
        let last = path.split(separator: ".").last.map { $0.prefix { $0 != "[" } } ?? ""
        return last.contains("seconds")
    }

    /// The number as the chapters print it: a fixed count of decimals, thousands separated by commas.
    static func format(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + whole + grouped + fraction
    }
}

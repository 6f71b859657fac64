/// Splits file paths without NSString's path methods: on Linux, Foundation's
/// `deletingLastPathComponent` traps on a one-character path ("o", "o/"), which `--out o` reaches.
public enum PathNames {
    /// The folder part of `path`: "" for a bare name, "/" for a name in the root ("a//b/" gives "a").
    public static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        var parent = trimmed[..<slash]
        while parent.hasSuffix("/") { parent = parent.dropLast() }
        return parent.isEmpty ? "/" : String(parent)
    }
}

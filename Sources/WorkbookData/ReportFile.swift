import Foundation

/// The JSON files runs write (run reports, studies, the search's report): sorted, indented, written
/// atomically, and read back with a message naming the file when it is not what it should be.
public enum ReportFile {
    /// Writes `value` as `name` in `folder`; returns the path.
    public static func write(_ value: some Encodable, named name: String, inFolder folder: String) throws
        -> String
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let path = (folder as NSString).appendingPathComponent(name)
        try AtomicFile.write(try encoder.encode(value) + Data("\n".utf8), to: path)
        return path
    }

    /// Reads a `T` from `path`; `what` names it in the error ("a run report").
    public static func read<T: Decodable>(_ type: T.Type, from path: String, what: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkbookError.io("cannot read \(path)")
        }
        do { return try JSONDecoder().decode(type, from: data) } catch {
            throw WorkbookError.io("\(path): not \(what) (\(error))")
        }
    }
}

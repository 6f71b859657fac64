import Foundation

/// Where the workbook's data files are found.
public enum DataFiles {
    /// `data/` in the current folder if it is there, else `data/` of the package this binary was
    /// built from, so a run works from any folder of the clone.
    public static func defaultFolder() -> String {
        if FileManager.default.fileExists(atPath: "data") { return "data" }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent("data").path
    }
}

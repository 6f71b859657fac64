import Foundation

/// A new empty folder under the system's temporary folder.
func temporaryFolder(_ name: String) -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

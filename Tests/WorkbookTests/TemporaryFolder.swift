import Foundation

/// A new empty folder under the system's temporary folder.
func temporaryFolder(_ name: String) -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A `gnuplot` shell script with `body` after `#!/bin/sh`, made executable in a new folder: its path.
func fakeGnuplotScript(_ body: String) throws -> String {
    let path = temporaryFolder("fake-gnuplot") + "/gnuplot"
    try "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o755)
    return path
}

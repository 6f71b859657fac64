import Foundation

/// Ends the program with a readable message on standard error and a non-zero status.
public func exitWithError(_ error: Error) -> Never {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

/// Formats a number with a fixed count of decimals.
public func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

import Foundation

/// Writes a message to standard error after flushing standard output, so that printed results and
/// messages appear in the order they were made even when output goes to a file or a pipe.
public func printToStandardError(_ message: String) {
    fflush(nil)
    FileHandle.standardError.write(Data(message.utf8))
}

/// Formats a number with a fixed count of decimals.
public func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

import Foundation

/// Writes a message to standard error after flushing standard output, so that printed results and
/// messages appear in the order they were made even when output goes to a file or a pipe.
public func printToStandardError(_ message: String) {
    fflush(nil)
    FileHandle.standardError.write(Data(message.utf8))
}

/// Formats a number with a fixed count of decimals.
public func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

/// Makes standard output line-buffered, as it is on a terminal, also when it goes to a file or a pipe
/// (nohup, GNU parallel, Slurm): each progress or result line reaches the log when printed, not at exit.
/// Every section calls it first.
public func lineBufferStandardOutput() {
    // Swift 6 refuses to name C's `stdout` (a mutable global); the C library exports it as a symbol
    // (nil is RTLD_DEFAULT: search every loaded library).
    guard let symbol = dlsym(nil, "stdout"),
        let stream = symbol.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee
    else { return }
    setvbuf(stream, nil, _IOLBF, 0)
}

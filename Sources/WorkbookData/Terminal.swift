import Foundation

/// Writes a message to standard error after flushing standard output, so that printed results and
/// messages appear in the order they were made even when output goes to a file or a pipe.
///
/// With write(2), whose failures are ignored: a message that cannot be shown (standard error closed,
/// `2>&-`, or a full disk behind it) must never end a run, and FileHandle's write traps on EBADF.
public func printToStandardError(_ message: String) {
    fflush(nil)
    let bytes = Array(message.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes {
            write(STDERR_FILENO, $0.baseAddress! + offset, bytes.count - offset)
        }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }
        offset += written
    }
}

/// Formats a number with a fixed count of decimals.
public func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

/// Makes standard output line-buffered, as it is on a terminal, also when it goes to a file or a pipe
/// (nohup, GNU parallel, Slurm): each progress or result line reaches the log when printed, not at exit.
/// Every section calls it first.
public func lineBufferStandardOutput() {
    // A standard descriptor closed by the caller (`2>&-`) would be handed to the next file opened, and
    // progress lines written into a report: each is pointed at /dev/null instead (open(2) takes the
    // lowest free descriptor).
    for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) < 0 {
        _ = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
    }
    // Swift 6 refuses to name C's `stdout` (a mutable global); the C library exports it as a symbol
    // (nil is RTLD_DEFAULT: search every loaded library).
    guard let symbol = dlsym(nil, "stdout"),
        let stream = symbol.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee
    else { return }
    setvbuf(stream, nil, _IOLBF, 0)
}

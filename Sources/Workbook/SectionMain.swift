import ArgumentParser
import WorkbookData

extension ParsableCommand {
    /// Runs a section as ArgumentParser's `main` does, after line-buffering standard output. The one
    /// place where the workbook's own errors meet the command line: `WorkbookError.exit` (a stop by
    /// Ctrl-C or SIGTERM, figures not drawn) ends the process with its status and no further message;
    /// any other error is printed as ArgumentParser prints it, with status 1.
    public static func runSection(_ arguments: [String]? = nil) {
        lineBufferStandardOutput()
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(withError: commandLineError(error))
        }
    }
}

/// `error` as ArgumentParser should report it.
func commandLineError(_ error: Error) -> Error {
    if case WorkbookError.exit(let status) = error { return ExitCode(status) }
    return error
}

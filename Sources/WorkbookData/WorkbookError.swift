/// Errors a reader can act on; the message names the file, line or option at fault.
public enum WorkbookError: Error, CustomStringConvertible {
    /// A value the run cannot use.
    case invalid(String)
    /// Bad input in a file: `file:line: what is wrong`.
    case badInput(file: String, line: Int, problem: String)
    /// A file that cannot be read or written.
    case io(String)
    /// The run ends with this exit status, having said why already (130 after Ctrl-C, 143 after SIGTERM,
    /// 1 for figures that `--figures` asked for and gnuplot did not draw). The command line turns it
    /// into ArgumentParser's silent `ExitCode` (`ParsableCommand.runSection`).
    case exit(status: Int32)

    public var description: String {
        switch self {
        case .invalid(let message), .io(let message): return message
        case let .badInput(file, line, problem): return "\(file):\(line): \(problem)"
        case .exit(let status): return "exit status \(status)"
        }
    }
}

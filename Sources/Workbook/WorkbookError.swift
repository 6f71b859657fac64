/// Errors a reader can act on; the message names the file, line or option at fault.
public enum WorkbookError: Error, CustomStringConvertible {
    /// A value the run cannot use.
    case invalid(String)
    /// Bad input in a file: `file:line: what is wrong`.
    case badInput(file: String, line: Int, problem: String)
    /// A file that cannot be read or written.
    case io(String)

    public var description: String {
        switch self {
        case .invalid(let message), .io(let message): return message
        case let .badInput(file, line, problem): return "\(file):\(line): \(problem)"
        }
    }
}

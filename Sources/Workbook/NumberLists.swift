import WorkbookData
import WorkbookFigures

/// ArgumentParser takes a value such as `-1` in `--filter 1 0 -1` for an option name. The workbook's
/// list options hold numbers, so before parsing, each such list is handed on one value at a time
/// (`--filter 1 --filter 0 --filter -1`), and those options read the value after their name whatever
/// it looks like (`parsing: .unconditionalSingleValue`).
public enum NumberLists {
    /// The arguments with every value after one of `options` given its own copy of the option name.
    /// A list ends at the next argument that starts with `--`, or at `-h`.
    public static func expand(_ arguments: [String], options: Set<String>) -> [String] {
        var expanded: [String] = []
        var list: String? = nil
        for argument in arguments {
            if argument.hasPrefix("--") || argument == "-h" {
                list = options.contains(argument) ? argument : nil
                if list == nil { expanded.append(argument) }
            } else if let list {
                expanded += [list, argument]
            } else {
                expanded.append(argument)
            }
        }
        return expanded
    }
}

import ArgumentParser
import WorkbookData

extension ParsableCommand {
    /// Runs a section as ArgumentParser's `main` does, after line-buffering standard output. The one
    /// place where the workbook's own errors meet the command line: `WorkbookError.exit` (a stop by
    /// Ctrl-C or SIGTERM, figures not drawn) ends the process with its status and no further message;
    /// any other error is printed as ArgumentParser prints it, with status 1. Given `--merge-seeds`, a
    /// section assembles a seed study from its parts instead (`SeedStudyMerge`).
    public static func runSection(_ arguments: [String]? = nil) {
        lineBufferStandardOutput()
        let given = arguments ?? Array(CommandLine.arguments.dropFirst())
        if !(Self.self is any MergesItsOwnSeedStudies.Type), SeedStudyMerge.isAsked(in: given) {
            SeedStudyMerge.runMerge(given, section: Self.configuration.commandName ?? "the section")
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(withError: commandLineError(error))
        }
    }
}

extension SeedStudyMerge {
    /// Parses and runs the merge; an option it does not take is refused with a word on why.
    static func runMerge(_ arguments: [String], section: String) -> Never {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(helpMessage(columns: nil))
            exit()
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            exit()
        } catch let error where exitCode(for: error) == .validationFailure {
            printToStandardError(
                fullMessage(for: error) + "\n(\(section) --merge-seeds takes its settings from the parts: "
                    + "it takes --seeds, --seed, --out and --figures/--no-figures, no option that chooses "
                    + "what to train)\n")
            exit(withError: ExitCode.validationFailure)
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

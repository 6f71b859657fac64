// Checks that every listing and number in chapters/ equals the code and the run reports, or
// rewrites them so that they do. `swift test` runs the same check.
import ArgumentParser
import ChapterSync
import Foundation

struct ChapterSyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chapter-sync",
        abstract:
            "Check (or rewrite) the chapters' listings and numbers against Sources/ and the run reports.",
        discussion: """
            Each page is parsed first (every include comment has its fenced block, every region of a source \
            its // snippet.end); a page that cannot be parsed is refused with file:line and never rewritten. \
            A timing (a value whose key names seconds) is not held against this machine's run: the check \
            notes it, --write quotes it.
            """)

    @Flag(help: "List every listing or number that differs (the default).")
    var check = false
    @Flag(
        help:
            "Rewrite them in place; what it cannot mend (a missing snippet, an unknown report key) is listed."
    )
    var write = false
    @Option(help: ArgumentHelp("The package folder (default: the current folder).", valueName: "dir"))
    var root: String?

    func validate() throws {
        if check && write { throw ValidationError("--check and --write exclude each other") }
        if let root {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/chapters", isDirectory: &isFolder),
                isFolder.boolValue
            else {
                throw ValidationError("--root \(root) holds no chapters folder")
            }
        }
    }

    func run() throws {
        let sync = ChapterSync(root: URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath))
        var problems = 0, unparseable = false, reported = Set<String>()
        var rewritten: [(file: String, text: String, count: Int)] = []
        for file in sync.chapterFiles() {
            do {
                let (text, drifts) = try sync.rewrite(file)
                for drift in drifts {
                    if write && drift.fixable { continue }
                    if drift.isTiming {
                        print(
                            "note: \(drift) (a timing: this machine's run is not the reference run; "
                                + "--write quotes it)")
                        continue
                    }
                    print(drift)
                    problems += 1
                }
                let fixed = drifts.filter(\.fixable).count
                if fixed > 0 { rewritten.append((file, text, fixed)) }
            } catch let refusal as ChapterSync.Unparseable {
                // A broken source included by several pages is reported once.
                let fresh = refusal.problems.filter { reported.insert($0.description).inserted }
                fresh.forEach { print($0) }
                problems += fresh.count
                unparseable = true
            } catch {
                print("\(file): cannot read: \(error.localizedDescription)")
                problems += 1
                unparseable = true
            }
        }
        // A page that cannot be parsed, or written in place, stops every rewrite, so that no page is
        // left half mended.
        let unwritable =
            write ? rewritten.compactMap { page in sync.writeProblem(page.file).map { (page.file, $0) } } : []
        for (file, problem) in unwritable {
            print("\(file): cannot rewrite it in place: \(problem)")
            problems += 1
        }
        if write && (unparseable || !unwritable.isEmpty) {
            print("nothing rewritten: mend the " + (unparseable ? "structure" : "pages") + " above first")
        } else if write {
            for page in rewritten {
                try sync.writePage(page.text, to: page.file)
                print("\(page.file): \(page.count) listing(s) or number(s) updated")
            }
        }
        if problems > 0 {
            print(
                "\(problems) problem(s)"
                    + (write
                        ? " left that --write cannot mend"
                        : "; `swift run chapter-sync --write` mends the ones that drifted, after a "
                            + "deliberate rerun of the chapter's runs (if an experiment wrote into figures/, "
                            + "`git checkout figures/` restores them instead)"))
            throw ExitCode.failure
        }
        print(write ? "chapters are in sync" : "chapters match the sources and run reports")
    }
}

ChapterSyncCommand.main()

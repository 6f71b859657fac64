// Checks that every listing and number in chapters/ equals the code and the run reports, or
// rewrites them so that they do. `swift test` runs the same check.
import ChapterSync
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
    print("""
        usage: chapter-sync [--check | --write] [--root DIR]
          --check   list every listing or number in chapters/*.md that differs from Sources/ or the run reports (default)
          --write   rewrite them in place; problems it cannot mend (a missing snippet, an unknown report key) are listed
          --root    the package folder (default: the current folder)
        """)
    exit(0)
}
let write = arguments.contains("--write")
var root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
if let position = arguments.firstIndex(of: "--root"), position + 1 < arguments.count {
    root = URL(fileURLWithPath: arguments[position + 1])
}
let unknown = arguments.filter { !["--check", "--write", "--root"].contains($0) && $0 != root.path && !$0.isEmpty }
if !unknown.isEmpty {
    FileHandle.standardError.write(Data("chapter-sync: unknown argument \(unknown[0]); see --help\n".utf8))
    exit(2)
}

let sync = ChapterSync(root: root)
var problems = 0
for file in sync.chapterFiles() {
    do {
        let (text, drifts) = try sync.rewrite(file)
        for drift in drifts where !write || !drift.fixable {
            print(drift)
            problems += 1
        }
        if write && drifts.contains(where: \.fixable) {
            try Data(text.utf8).write(to: root.appendingPathComponent(file), options: .atomic)
            print("\(file): \(drifts.filter(\.fixable).count) listing(s) or number(s) updated")
        }
    } catch {
        print("\(file): cannot read: \(error.localizedDescription)")
        problems += 1
    }
}
if problems > 0 {
    print("\(problems) problem(s)" + (write ? " left that --write cannot mend" : "; `swift run chapter-sync --write` mends the ones that drifted, after a deliberate rerun of the "
                  + "chapter's runs (if an experiment wrote into figures/, `git checkout figures/` restores them instead)"))
    exit(1)
}
print(write ? "chapters are in sync" : "chapters match the sources and run reports")

// swift-tools-version: 6.0
import Foundation
import PackageDescription

// The model library and the shared workbook code are compiled with optimisation even in a
// debug build, so that `swift run ch11-cnn` as typed trains at full speed. Without errno semantics
// for C's sqrt, `Float.squareRoot()` becomes one instruction and loops that use it vectorise.
let optimised: [SwiftSetting] = [.unsafeFlags(["-O", "-Xcc", "-fno-math-errno"] + targetCPUFlags())]

/// The element-wise loops (the cells, Adam, dropout) vectorise to the widest vectors the building
/// machine has, as C's -march=native would: the workbook is built where it runs. Each element's
/// arithmetic is the same at any vector width (Swift fuses no multiply-add), so the numbers are the
/// same as a baseline x86-64 build's; only the speed differs (Tools/benchmark/README.md).
/// WORKBOOK_TARGET_CPU overrides the choice: `x86-64` gives a build for any x86-64 machine.
func targetCPUFlags() -> [String] {
    #if os(Linux) && arch(x86_64)
        if let chosen = ProcessInfo.processInfo.environment["WORKBOOK_TARGET_CPU"] {
            return chosen.isEmpty ? [] : ["-target-cpu", chosen]
        }
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return [] }
        let flags = Set(line.split(separator: " ").map(String.init))
        if flags.isSuperset(of: ["avx2", "fma", "bmi2", "movbe", "f16c"]) {
            return ["-target-cpu", "haswell"]
        }
    #endif
    return []
}

let sections = [
    "ch11-conv", "ch11-cnn", "ch11-cnn-search", "ch11-giss-rnn", "ch11-cet-rnn", "ch11-gru-lstm",
    "ch11-dropout", "ch11-bidirectional",
]

let package = Package(
    name: "ch11-workbook",
    products: [
        .library(name: "SequenceNet", targets: ["SequenceNet"]),
        .library(name: "WorkbookData", targets: ["WorkbookData"]),
        .library(name: "WorkbookFigures", targets: ["WorkbookFigures"]),
        .library(name: "Workbook", targets: ["Workbook"]),
    ] + sections.map { .executable(name: $0, targets: [$0]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .target(
            name: "CProducts",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("dnnl"), .linkedLibrary("gomp")]
        ),
        .target(
            name: "SequenceNet",
            dependencies: ["CProducts"],
            swiftSettings: optimised
        ),
        // The workbook in three layers, each knowing only those below it: data and reports (no command
        // line), figures (gnuplot, live plots), and the options and training glue the sections share.
        .target(name: "WorkbookData", dependencies: ["SequenceNet"], swiftSettings: optimised),
        .target(name: "WorkbookFigures", dependencies: ["WorkbookData"], swiftSettings: optimised),
        .target(
            name: "Workbook",
            dependencies: [
                "WorkbookFigures", "WorkbookData", "SequenceNet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimised
        ),
        .target(name: "ChapterSync"),
        .target(name: "CNNSearch", dependencies: ["WorkbookData", "SequenceNet"], swiftSettings: optimised),
        .executableTarget(
            name: "chapter-sync",
            dependencies: [
                "ChapterSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "product-digests", dependencies: ["SequenceNet"], swiftSettings: optimised),
        .executableTarget(
            name: "recurrent-bench",
            dependencies: [
                "Workbook", "WorkbookData", "SequenceNet", "CProducts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(
            name: "SequenceNetTests",
            dependencies: ["SequenceNet"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "WorkbookTests",
            dependencies: ["Workbook", "WorkbookFigures", "WorkbookData"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CNNSearchTests",
            dependencies: ["CNNSearch"]
        ),
        .testTarget(
            name: "ChapterTests",
            dependencies: ["WorkbookFigures", "WorkbookData", "ChapterSync", "CNNSearch"],
            exclude: ["Fixtures"]  // read from the source tree (SeedComparisonTests)
        ),
    ]
        + sections.map {
            .executableTarget(
                name: $0,
                dependencies: ["Workbook", "WorkbookFigures", "WorkbookData", "SequenceNet"]
                    + ($0 == "ch11-cnn-search" ? ["CNNSearch"] : []),
                path: "Sources/\($0)")
        }
)

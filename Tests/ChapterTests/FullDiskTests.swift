import Foundation
import Testing
import WorkbookData
import WorkbookFigures

/// A disk that fills up mid-run: every file under its final name is whole, nothing half-written is
/// announced, and the error names the file it could not write.
@Suite(.serialized, .enabled(if: SmallDisk.available, "needs root and tmpfs to make a full disk"))
struct FullDiskTests {
    /// PNG files end with the IEND chunk; a truncated one does not.
    static func isWholePNG(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), data.count > 20 else { return false }
        let end = Data([0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])  // the IEND chunk and its CRC
        return data.starts(with: [0x89, 0x50, 0x4E, 0x47]) && data.suffix(8) == end
    }

    @Test func figuresOnAFullDiskAreWholeOrAbsent() throws {
        // Room for the scripts and one or two of the three PNGs (about 11, 18 and 18 kB).
        let disk = try #require(SmallDisk(kilobytes: 48))
        defer { disk.unmount() }
        let run = try SectionRun.run("ch11-conv", ["--figures", "--out", disk.path], timeLimit: 120)
        #expect(run.status != 0)
        #expect(run.standardError.contains("cannot write \(disk.path)/"), "\(run.standardError)")
        #expect(run.standardError.contains("No space left on device"), "\(run.standardError)")
        let written = try FileManager.default.contentsOfDirectory(atPath: disk.path)
        for name in written where name.hasSuffix(".png") {
            #expect(Self.isWholePNG(disk.path + "/" + name), "\(name) is truncated")
        }
        for line in run.standardOutput.split(separator: "\n") where line.hasPrefix("Figure: ") {
            let path = String(line.dropFirst("Figure: ".count))
            #expect(Self.isWholePNG(path), "announced but not whole: \(path)")
        }
        let leftovers = written.filter { $0.hasPrefix(".") || $0.contains("partial") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    @Test func aFileThatDoesNotFitLeavesTheOldOneAndNoTemporaryFile() throws {
        let disk = try #require(SmallDisk(kilobytes: 16))
        defer { disk.unmount() }
        let path = disk.path + "/report.json"
        try AtomicFile.write("the old report\n", to: path)
        do {
            try AtomicFile.write(Data(repeating: 65, count: 64 * 1024), to: path)
            Issue.record("64 kB were written to a 16 kB disk")
        } catch {
            #expect("\(error)".contains("cannot write \(path): No space left on device"), "\(error)")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the old report\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == ["report.json"])
    }
}

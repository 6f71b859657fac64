import Foundation
import Testing
import WorkbookData

/// The shipped data files are the book's, byte for byte (data/SHA256SUMS).
@Suite struct DataFileTests {
    @Test func checksumsMatch() throws {
        let folder = DataFiles.defaultFolder()
        let sums = try String(contentsOfFile: folder + "/SHA256SUMS", encoding: .utf8)
        let lines = sums.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + parts[1]))
            #expect(SHA256.hex(data) == String(parts[0]), "\(parts[1])")
        }
    }
}

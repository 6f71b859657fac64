import Testing
@testable import WorkbookData

@Suite struct StationRecordTests {
    @Test func theShippedFile() throws {
        let record = try StationRecord.read(DataFiles.defaultFolder() + "/station.csv")
        #expect(record.readings.count == 900)
        #expect(record.valid.count == 897)
        #expect(record.missing.map { "\($0.year)-\($0.month)" } == ["2024-10", "2024-11", "2024-12"])
        #expect(record.valid.last == MonthlyReading(year: 2024, month: 9, value: 16.98))
        let values = record.valid.map { $0.value! }
        let normalization = try Normalization(fitting: values, source: "test")
        #expect(abs(normalization.mean - 11.1987068004) < 1e-9)
        #expect(abs(normalization.standardDeviation - 5.1774050847) < 1e-9)
        let z = normalization.normalize(values)
        for (got, expected) in zip(z.suffix(3), [1.89308989, 1.54542538, 1.11663915] as [Float]) {
            #expect(abs(got - expected) < 1e-5)
        }
    }

    let header = "YEAR,JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC,D-J-F,M-A-M,J-J-A,S-O-N,metANN\n"
    let row1950 = "1950,1,2,3,4,5,6,7,8,9,10,11,12,1,2,3,4,5\n"

    @Test func lineEndingsAndTrailingBlankLinesAreRead() throws {
        let plain = try StationRecord.parse(header + row1950, file: "s.csv")
        #expect(
            try StationRecord.parse(
                (header + row1950).replacingOccurrences(of: "\n", with: "\r\n"), file: "s.csv"
            ).readings == plain.readings)
        #expect(try StationRecord.parse(header + row1950 + "\n\n", file: "s.csv").readings == plain.readings)
        #expect(plain.readings.count == 12 && plain.readings[11].value == 12)
    }

    @Test(arguments: [
        ("", "s.csv:1: the file is empty"),
        (
            "YEAR,JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC,D-J-F,M-A-M,J-J-A,S-O-N,metANN\n",
            "s.csv:1: no year rows after the header"
        ),
        ("1950,1,2\n", "s.csv:1: expected a header starting YEAR,JAN,...,DEC, found '1950,1,2'"),
        (
            "HEADER\n1950,1,2,3,4,5,6,7,8,9,10,11\n",
            "s.csv:1: expected a header starting YEAR,JAN,...,DEC, found 'HEADER'"
        ),
    ])
    func brokenHeaders(text: String, message: String) {
        #expect(throws: WorkbookError.self) { try StationRecord.parse(text, file: "s.csv") }
        do { _ = try StationRecord.parse(text, file: "s.csv") } catch { #expect("\(error)" == message) }
    }

    @Test(arguments: [
        ("1951,1,2,3,4,5,6,7,8,9,10,11\n", "s.csv:3: expected 18 comma-separated fields, found 12"),
        ("1951,1,2,abc,4,5,6,7,8,9,10,11,12,1,2,3,4,5\n", "s.csv:3: MAR value 'abc' is not a number"),
        (
            "1949,1,2,3,4,5,6,7,8,9,10,11,12,1,2,3,4,5\n",
            "s.csv:3: year 1949 comes after 1950: years must increase"
        ),
        (
            "1952,1,2,3,4,5,6,7,8,9,10,11,12,1,2,3,4,5\n",
            "s.csv:3: year 1952 follows 1950: 1951 has no row; give each missing year a row with 999.9 in "
                + "every month, so that its months count as missing"
        ),
        (
            "1955,1,2,3,4,5,6,7,8,9,10,11,12,1,2,3,4,5\n",
            "s.csv:3: year 1955 follows 1950: 1951 to 1954 have no row; give each missing year a row with "
                + "999.9 in every month, so that its months count as missing"
        ),
        (
            "1951,1,419.0,3,4,5,6,7,8,9,10,11,12,1,2,3,4,5\n",
            "s.csv:3: FEB value 419.0 is not a plausible temperature in °C (expected -90 to 60); "
                + "999.9 marks a missing month"
        ),
    ])
    func brokenRows(row: String, message: String) {
        do {
            _ = try StationRecord.parse(header + row1950 + row, file: "s.csv")
            Issue.record("accepted: \(row)")
        } catch { #expect("\(error)" == message) }
    }

    /// A byte-order mark (as some spreadsheet programs write) is invisible, so the message names it.
    @Test func aByteOrderMarkIsNamed() {
        do {
            _ = try StationRecord.parse("\u{FEFF}" + header + row1950, file: "s.csv")
            Issue.record("a file starting with a byte-order mark was accepted")
        } catch {
            #expect("\(error)".hasPrefix("s.csv:1: the file starts with a UTF-8 byte-order mark"), "\(error)")
        }
    }
}

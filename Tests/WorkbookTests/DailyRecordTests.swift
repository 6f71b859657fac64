import Testing
import WorkbookData

@Suite struct DailyRecordTests {
    @Test func theShippedFile() throws {
        let record = try DailyRecord.read(DataFiles.defaultFolder() + "/tdaily_cet.dat.txt")
        #expect(record.values.count == 91_502)
        #expect(
            record.days.first?.description == "1772-01-01" && record.days.last?.description == "2022-07-10")
        #expect(record.values.first == 3.2 && record.values.last == 20.0)
        let normalization = try Normalization(fitting: record.values, source: "test")
        #expect(abs(normalization.mean - 9.3976721820) < 1e-4)
        #expect(abs(normalization.standardDeviation - 5.3457685934) < 1e-4)
    }

    /// Date axes use seconds since 1970 (values from Python's datetime).
    @Test func secondsSince1970() throws {
        let days = try ["17720101", "19700101", "20000301", "20220710"].map {
            try DailyRecord.parse("\($0) 1 ", file: "d.txt").days[0]
        }
        #expect(days.map(\.unixSeconds) == [-6_248_275_200, 0, 951_868_800, 1_657_411_200])
    }

    /// Year ends and the Gregorian leap rules: 1900 had no 29 February, 2000 had one.
    @Test func leapDaysAndYearEnds() throws {
        #expect(try DailyRecord.parse("19991231 1.0 \n20000101 2.0 \n", file: "d.txt").values == [1, 2])
        #expect(try DailyRecord.parse("19000228 1 \n19000301 2 ", file: "d.txt").days.count == 2)
        #expect(try DailyRecord.parse("20000228 1 \n20000229 2 \n20000301 3 ", file: "d.txt").days.count == 3)
        do {
            _ = try DailyRecord.parse("20000228 1 \n20000301 2 ", file: "d.txt")
            Issue.record("a missing 29 February 2000 was accepted")
        } catch { #expect("\(error)" == "d.txt:2: 2000-03-01 follows 2000-02-28: 2000-02-29 is missing") }
    }

    @Test(arguments: [
        ("17720101 3.2 \n17720103 2.0 ", "d.txt:2: 1772-01-03 follows 1772-01-01: 1772-01-02 is missing"),
        ("17720101 3.2 \n17720101 2.0 ", "d.txt:2: 1772-01-01 repeats or goes back from 1772-01-01"),
        ("17720101 3.2 \n17720102 2.x ", "d.txt:2: value '2.x' is not a number"),
        (
            "17720101 3.2 \n17720102 -99.9 ",
            "d.txt:2: value -99.9 is not a plausible temperature in °C (expected -90 to 60)"
        ),
        ("17720101 3.2 \n17720102 ", "d.txt:2: expected a date and a value, found '17720102 '"),
        ("17721301 3.2 ", "d.txt:1: '17721301' is not a date YYYYMMDD"),
        ("", "d.txt:1: the file is empty"),
    ])
    func brokenFiles(text: String, message: String) {
        do {
            _ = try DailyRecord.parse(text, file: "d.txt")
            Issue.record("accepted: \(text)")
        } catch { #expect("\(error)" == message) }
    }

    /// A byte-order mark is invisible in most editors, so the message names it.
    @Test func aByteOrderMarkIsNamed() {
        do {
            _ = try DailyRecord.parse("\u{FEFF}17720101 3.2 \n17720102 2.0 ", file: "d.txt")
            Issue.record("a file starting with a byte-order mark was accepted")
        } catch {
            #expect("\(error)".hasPrefix("d.txt:1: the file starts with a UTF-8 byte-order mark"), "\(error)")
        }
    }
}
